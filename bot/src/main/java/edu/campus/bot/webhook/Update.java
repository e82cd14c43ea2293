package edu.campus.bot.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The part of Telegram's Update the bot reads: its id and a message (private chats' text commands). Telegram sends
 * many more fields and adds new ones: they are ignored.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record Update(@NotNull Long updateId, @Valid Message message) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(Long messageId, User from, @NotNull Chat chat, String text) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(long id, Boolean isBot, String username, String firstName) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Chat(long id, String type) {
    }
}
