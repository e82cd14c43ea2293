package edu.campus.bot.telegram;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.bot.BotConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.smallrye.mutiny.Uni;

/**
 * Telegram's limits as it documents them for bots: about 30 messages a second in all (a token bucket, bursts up to
 * that) and one message a second per chat (each chat's messages get slots {@code per-chat-interval} apart). A 429 for a
 * chat moves that chat's next slot past Telegram's {@code retry_after}. Per instance: with two bot instances each keeps
 * its own count (run one notifier, or halve {@code BOT_TELEGRAM_GLOBAL_PER_SECOND}).
 */
@ApplicationScoped
public class RateLimits {

    private static final int FORGET_ABOVE = 10_000;

    private final Bucket global;
    private final long perChatNanos;
    private final ConcurrentHashMap<Long, Long> nextSlot = new ConcurrentHashMap<>();

    RateLimits(BotConfig config) {
        int perSecond = config.telegram().globalPerSecond();
        this.global = Bucket.builder().addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1))).build();
        this.perChatNanos = config.telegram().perChatInterval().toNanos();
    }

    /** Completes when a message to {@code chatId} may be sent: its chat slot has come and the global bucket had a token. */
    public Uni<Void> acquire(long chatId) {
        long now = System.nanoTime();
        forgetOld(now);
        long slot = nextSlot.compute(chatId, (chat, next) -> Math.max(now, next == null ? now : next) + perChatNanos) - perChatNanos;
        return waitNanos(slot - now).chain(this::globalToken);
    }

    /** Telegram said "retry after": nothing goes to this chat before then. */
    public void pause(long chatId, Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        nextSlot.merge(chatId, until, Math::max);
    }

    private Uni<Void> globalToken() {
        ConsumptionProbe probe = global.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Uni.createFrom().voidItem() : waitNanos(probe.getNanosToWaitForRefill()).chain(this::globalToken);
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
