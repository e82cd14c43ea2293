package edu.campus.sso.user;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The admin API's bodies (snake_case JSON). */
public final class UserDtos {

    private UserDtos() {
    }

    public record TelegramView(long telegramId, String telegramUsername, Long chatId) {
    }

    @RegisterForReflection // inside a generic type (page): not seen by the build
    public record UserView(long id, String username, String fullName, User.App app, User.Role role, Long entityId,
            Long ruzTeacherId, boolean isActive, OffsetDateTime createdAt, OffsetDateTime updatedAt, TelegramView telegram) {
    }

    public record CreateUser(@Size(min = 3, max = 64) @Pattern(regexp = "[a-z0-9._-]+") String username,
            @Password String password, @NotBlank @Size(max = 200) String fullName,
            @NotNull User.App app, @NotNull User.Role role, @Positive Long entityId, @Positive Long ruzTeacherId) {
    }

    public record PatchUser(@Size(min = 1, max = 200) String fullName, @Password String password,
            Boolean isActive, User.Role role, @Positive Long entityId, @Positive Long ruzTeacherId) {
    }

    public record LinkTelegram(@NotNull @Positive Long telegramId, @Size(max = 64) String telegramUsername, Long chatId) {
    }

    /** Whether a username is free, and when it is not, the next free numbered variant. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record UsernameCheck(String username, boolean available, String suggestion) {
    }
}
