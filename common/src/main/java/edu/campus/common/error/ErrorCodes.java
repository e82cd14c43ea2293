package edu.campus.common.error;

/** The error codes shared by every service. Services may add their own, in snake_case. */
public final class ErrorCodes {
    public static final String VALIDATION = "validation_error";
    public static final String BAD_REQUEST = "bad_request";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String NOT_ACCEPTABLE = "not_acceptable";
    public static final String CONFLICT = "conflict";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String TOO_MANY_REQUESTS = "too_many_requests";
    public static final String INTERNAL = "internal_error";
    public static final String UPSTREAM_UNAVAILABLE = "upstream_unavailable";
    public static final String DATABASE_UNAVAILABLE = "database_unavailable";
    public static final String UPSTREAM_TIMEOUT = "upstream_timeout";
    public static final String BAD_UPSTREAM_RESPONSE = "bad_upstream_response";

    private ErrorCodes() {
    }
}
