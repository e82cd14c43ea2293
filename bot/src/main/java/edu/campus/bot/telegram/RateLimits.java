package edu.campus.bot.telegram;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import edu.campus.bot.BotConfig;
import io.smallrye.mutiny.Uni;

/**
 * Telegram's limits as it documents them for bots: about 30 messages a second in all and one a second per chat. Both
 * are slots: each message takes the next free slot, globally {@code 1 s / global-per-second} after the previous one and
 * per chat {@code per-chat-interval} after that chat's previous one, so no second ever holds more than the limit (+1 at
 * the edge). A 429 for a chat moves that chat's next slot past Telegram's {@code retry_after}. Per instance: with two
 * bot instances each keeps its own (run one notifier, or halve {@code BOT_TELEGRAM_GLOBAL_PER_SECOND}).
 */
@ApplicationScoped
public class RateLimits {

    private static final int FORGET_ABOVE = 10_000;

    private final long globalNanos;
    private final long perChatNanos;
    private final AtomicLong nextGlobal = new AtomicLong(Long.MIN_VALUE);
    private final ConcurrentHashMap<Long, Long> nextSlot = new ConcurrentHashMap<>();

    @Inject
    RateLimits(BotConfig config) {
        this(config.telegram().globalPerSecond(), config.telegram().perChatInterval());
    }

    RateLimits(int globalPerSecond, Duration perChatInterval) {
        this.globalNanos = Duration.ofSeconds(1).toNanos() / Math.max(1, globalPerSecond);
        this.perChatNanos = perChatInterval.toNanos();
    }

    /** Completes when a message to {@code chatId} may be sent: its chat's slot and then a global slot have come. */
    public Uni<Void> acquire(long chatId) {
        long now = System.nanoTime();
        forgetOld(now);
        long chatSlot = nextSlot.compute(chatId, (chat, next) -> Math.max(now, next == null ? now : next) + perChatNanos) - perChatNanos;
        return waitNanos(chatSlot - now).chain(() -> {
            long at = System.nanoTime();
            long slot = nextGlobal.accumulateAndGet(at, (next, t) -> Math.max(t, next == Long.MIN_VALUE ? t : next) + globalNanos) - globalNanos;
            return waitNanos(slot - at);
        });
    }

    /** Telegram said "retry after": nothing goes to this chat before then. */
    public void pause(long chatId, Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        nextSlot.merge(chatId, until, Math::max);
    }

    private static Uni<Void> waitNanos(long nanos) {
        return nanos <= 0 ? Uni.createFrom().voidItem() : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(nanos));
    }

    /** Chats whose slot is long past carry no information: dropped once the map grows. */
    private void forgetOld(long now) {
        if (nextSlot.size() > FORGET_ABOVE) {
            nextSlot.values().removeIf(next -> next < now);
        }
    }
}
