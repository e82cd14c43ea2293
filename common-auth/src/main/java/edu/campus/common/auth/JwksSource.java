package edu.campus.common.auth;

import io.smallrye.mutiny.Uni;

/** Where the verifier gets SSO's public keys (a JWKS document): over HTTP by default, in process inside sso. */
public interface JwksSource {

    Uni<String> jwks();
}
