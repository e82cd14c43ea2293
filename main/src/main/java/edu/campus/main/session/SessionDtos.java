package edu.campus.main.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Bodies of /api/main/auth. */
public final class SessionDtos {

    private SessionDtos() {
    }

    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    /** A student's session: an access token for main (RS256, aud {@code main}) and a rotating refresh token. */
    public record SessionTokens(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn,
            long studentId) {
    }
}
