package edu.campus.common.main;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What main's internal Telegram endpoints exchange. */
public final class MainModel {

    private MainModel() {
    }

    @RegisterForReflection
    public record StudentTelegram(long telegramId, String username, OffsetDateTime linkedAt) {
    }

    @RegisterForReflection
    public record TelegramUnlink(long telegramId) {
    }

    @RegisterForReflection
    public record TelegramUnlinked(boolean unlinked) {
    }

    /** The bot completes a student's link with the code from {@code /start <code>}. */
    @RegisterForReflection
    public record LinkCompletion(String code, long telegramId, String telegramUsername) {
    }
}
