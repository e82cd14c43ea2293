package edu.campus.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** Lower bounds only: a slow machine may take longer, never shorter. */
class RateLimitsTest {

    private static long elapsedMillis(Uni<?> work) {
        long start = System.nanoTime();
        work.await().atMost(Duration.ofSeconds(30));
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void messagesToDifferentChatsAreSpreadAtTheGlobalRate() {
        RateLimits limits = new RateLimits(50, Duration.ofSeconds(1));
        List<Uni<Void>> sends = new ArrayList<>();
        for (long chat = 1; chat <= 26; chat++) {
            sends.add(limits.acquire(chat));
        }
        // 26 slots 20 ms apart: the last one 500 ms after the first
        long elapsed = elapsedMillis(Uni.join().all(sends).andFailFast());
        assertTrue(elapsed >= 480, "26 messages at 50/s took " + elapsed + " ms");
    }

    @Test
    void oneChatGetsOneMessagePerIntervalAndARetryAfterPushesItsNextSlot() {
        RateLimits limits = new RateLimits(1000, Duration.ofMillis(200));
        long three = elapsedMillis(Uni.join().all(limits.acquire(7), limits.acquire(7), limits.acquire(7)).andFailFast());
        assertTrue(three >= 390, "three to one chat 200 ms apart took " + three + " ms");
        limits.pause(8, Duration.ofMillis(300));
        long paused = elapsedMillis(limits.acquire(8));
        assertTrue(paused >= 290, "a paused chat waited " + paused + " ms");
        assertTrue(elapsedMillis(limits.acquire(9)) < 1000, "another chat is not held up");
    }
}
