package edu.campus.common.sso;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import edu.campus.common.error.ErrorBody;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The bodies of SSO's service API (client credentials, provisioning): what sso answers and SsoClient reads. */
public final class SsoModel {

    private SsoModel() {
    }

    @RegisterForReflection
    public record ClientCredentials(@NotBlank @Size(max = 64) String clientId, @NotBlank @Size(max = 200) String clientSecret) {
    }

    @RegisterForReflection
    public record ServiceToken(String accessToken, String tokenType, long expiresIn, String scope) {
    }

    /**
     * A provisioned account. {@code entityId} is the id of its record in its domain (traffic teacher, services
     * staff or executor); without it sso refuses the request with 422. Only traffic teachers carry a RUZ id. With
     * {@code invite} sso answers with a one-time invitation for an account that has no password yet (the person sets
     * their own; a domain service never sends one).
     */
    @RegisterForReflection
    public record AccountUpsert(@Positive Long entityId, @NotBlank @Size(max = 200) String fullName,
            @Positive Long ruzTeacherId, @Size(min = 3, max = 64) @Pattern(regexp = "[a-z0-9._-]+") String username, Boolean invite) {

        public AccountUpsert(Long entityId, String fullName, Long ruzTeacherId, String username) {
            this(entityId, fullName, ruzTeacherId, username, null);
        }
    }

    /** A one-time code with which a person sets their password ({@code POST /api/auth/invitations/accept}), and its link. */
    @RegisterForReflection
    public record Invitation(String code, String link, java.time.Instant expiresAt) {
    }

    @RegisterForReflection
    public record TeacherBatch(@NotNull @Size(min = 1, max = 1000) List<@Valid @NotNull AccountUpsert> teachers) {
    }

    /** {@code invitation}: present when the request asked for one and the account has no password yet. */
    @RegisterForReflection
    public record ProvisionedAccount(long userId, String username, String fullName, String app, String role, Long entityId,
            Long ruzTeacherId, Invitation invitation) {

        public ProvisionedAccount(long userId, String username, String fullName, String app, String role, Long entityId,
                Long ruzTeacherId) {
            this(userId, username, fullName, app, role, entityId, ruzTeacherId, null);
        }
    }

    /** One item of a batch: the account, or the error that item met. */
    @RegisterForReflection
    public record BatchResult(Long entityId, ProvisionedAccount user, ErrorBody error) {
    }

    @RegisterForReflection
    public record BatchResponse(int ok, int failed, List<BatchResult> results) {
    }

    @RegisterForReflection
    public record EntityRef(@Positive Long entityId) {
    }

    @RegisterForReflection
    public record TelegramLink(String code, String deepLink, long expiresIn) {
    }

    /** The bot completes a link with the code from {@code /start <code>}. */
    @RegisterForReflection
    public record TelegramLinkCompletion(String code, long telegramId, String telegramUsername, Long chatId) {
    }

    @RegisterForReflection
    public record TelegramLinked(long userId, long telegramId, String telegramUsername) {
    }

    @RegisterForReflection
    public record TelegramUnlink(long telegramId) {
    }

    @RegisterForReflection
    public record TelegramUnlinked(boolean unlinked) {
    }

    /** Where the bot writes to an account (SSO's {@code GET /api/telegram/chats}). */
    @RegisterForReflection
    public record TelegramChat(long userId, long telegramId, long chatId) {
    }
}
