package edu.campus.main.keys;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.launch.LaunchKeySource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** Inside main the launch-token verifier (students' access tokens) reads main's own keys in process, never over HTTP. */
@ApplicationScoped
public class LocalLaunchKeys implements LaunchKeySource {

    private final LaunchKeys keys;

    LocalLaunchKeys(LaunchKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Uni<String> jwks() {
        return Uni.createFrom().item(() -> new JsonObject(keys.jwks()).encode());
    }
}
