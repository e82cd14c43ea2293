package edu.campus.bot.notify;

/**
 * A delivery's state: {@code pending → sending → sent | blocked | failed}, or {@code skipped} (the chat blocked the
 * bot before). {@code sending} left by a crash stays: Telegram may have delivered it, and a message is never sent twice.
 */
public enum DeliveryStatus {
    pending, sending, sent, blocked, failed, skipped
}
