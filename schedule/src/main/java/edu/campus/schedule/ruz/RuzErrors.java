package edu.campus.schedule.ruz;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import edu.campus.common.error.ApiException;
import edu.campus.common.error.ErrorCodes;
import edu.campus.common.upstream.UpstreamException;
import edu.campus.common.upstream.Upstreams;

/** RUZ's ways of saying no: an HTTP error status, or {@code {"error": ..., "text": ...}} inside a 200. */
final class RuzErrors {

    static final String UPSTREAM = "ruz";

    private RuzErrors() {
    }

    static RuntimeException fromStatus(Response response) {
        if (response.getStatus() == 404) {
            String text = null;
            try {
                response.bufferEntity();
                String body = response.readEntity(String.class);
                if (body != null && !body.isBlank()) {
                    JsonNode node = RuzJson.tree(body);
                    text = node.path("text").asText(null);
                }
            } catch (Exception unreadable) {
                // a 404 without RUZ's error object is still a not-found
            }
            return notFound(text);
        }
        return Upstreams.fromStatus(UPSTREAM, response);
    }

    /** RUZ answered, but the thing asked for does not exist there. Not an upstream failure: never stale-served. */
    static ApiException notFound(String ruzText) {
        return new ApiException(404, ErrorCodes.NOT_FOUND, "not found in the timetable",
                ruzText == null ? Map.of("upstream", UPSTREAM) : Map.of("upstream", UPSTREAM, "upstream_message", ruzText));
    }

    /** A 200 whose body is an error object. */
    static boolean isErrorObject(JsonNode body) {
        JsonNode error = body.get("error");
        return error != null && !error.isNull() && !(error.isBoolean() && !error.asBoolean());
    }

    static UpstreamException.BadResponse badShape(String what) {
        return new UpstreamException.BadResponse(UPSTREAM, what, null);
    }
}
