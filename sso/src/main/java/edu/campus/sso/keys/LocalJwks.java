package edu.campus.sso.keys;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.auth.JwksSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** Inside sso the verifier reads the keys in process: sso never calls itself over HTTP to check its own tokens. */
@ApplicationScoped
public class LocalJwks implements JwksSource {

    private final SigningKeys keys;

    LocalJwks(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public Uni<String> jwks() {
        return Uni.createFrom().item(() -> new JsonObject(keys.jwks()).encode());
    }
}
