package edu.campus.common.launch;

import io.smallrye.mutiny.Uni;

/**
 * Where {@link LaunchTokenVerifier} finds main's launch-token keys beyond the configured PEMs: main's JWKS over HTTP
 * ({@link LaunchJwksClient}, when {@code LAUNCH_TOKEN_JWKS_URL} is set), or in process inside main itself.
 */
public interface LaunchKeySource {

    /** False when no JWKS is configured: only the PEM keys verify. */
    boolean available();

    /** The JWKS document ({@code {"keys":[...]}}). */
    Uni<String> jwks();
}
