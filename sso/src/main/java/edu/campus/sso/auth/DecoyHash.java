package edu.campus.sso.auth;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import edu.campus.sso.SsoConfig;
import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * A bcrypt hash at the configured cost of a random secret, compared against when there is no account, no password or no
 * client, so that the answer takes as long as for a real one. Made once per process on first need, by the caller's
 * blocking section (never on the event loop), not at start: made there it cost every sso start a bcrypt round (~0.3 s at
 * cost 12, most of the native start).
 */
@Singleton
public class DecoyHash {

    private final int cost;
    private volatile String hash;

    @Inject
    DecoyHash(SsoConfig config) {
        this(config.login().bcryptCost());
    }

    DecoyHash(int cost) {
        this.cost = cost;
    }

    /** Blocks for a bcrypt round the first time: call it where blocking is allowed. */
    public String get() {
        String made = hash;
        if (made == null) {
            synchronized (this) {
                if (hash == null) {
                    byte[] secret = new byte[24];
                    new SecureRandom().nextBytes(secret);
                    hash = BcryptUtil.bcryptHash(Base64.getEncoder().encodeToString(secret), cost);
                }
                made = hash;
            }
        }
        return made;
    }
}
