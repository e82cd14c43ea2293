package edu.campus.common.token;

import edu.campus.common.error.ApiException;

/** The token of an {@code Authorization: Bearer ...} header. */
public final class Bearer {

    private Bearer() {
    }

    /** The token; a 401 in the error format when the header is absent or not a bearer one. */
    public static String token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("a bearer token is required");
        }
        return authorization.substring(7).trim();
    }
}
