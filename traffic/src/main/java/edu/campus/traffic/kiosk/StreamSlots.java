package edu.campus.traffic.kiosk;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Open event streams counted per kiosk and per client address in this instance: a stream takes one slot of each, or
 * none. The slot is given back exactly once, whatever ends the stream.
 */
final class StreamSlots {

    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
    private final int perKiosk;
    private final int perAddress;

    StreamSlots(int perKiosk, int perAddress) {
        this.perKiosk = perKiosk;
        this.perAddress = perAddress;
    }

    /** A taken pair of slots; {@link #release} gives them back (again is harmless). */
    final class Slot {
        private final String kiosk;
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String kiosk, String address) {
            this.kiosk = kiosk;
            this.address = address;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                down(kiosk);
                down(address);
            }
        }
    }

    /** Both slots, or null when the kiosk or the address has all its streams open. */
    Slot take(long kioskId, String address) {
        String kiosk = "kiosk:" + kioskId;
        String addr = "addr:" + address;
        if (!up(kiosk, perKiosk)) {
            return null;
        }
        if (!up(addr, perAddress)) {
            down(kiosk);
            return null;
        }
        return new Slot(kiosk, addr);
    }

    private boolean up(String key, int max) {
        boolean[] taken = { false };
        open.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private void down(String key) {
        open.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
