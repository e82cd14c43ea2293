package edu.campus.common.observability;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** The request id: taken from {@code X-Request-Id} when it is sane, made up otherwise. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key under which every log line carries the id. */
    public static final String MDC_KEY = "request_id";
    private static final String LOCAL = RequestIds.class.getName();

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    /**
     * Makes {@code id} the current request's: kept in the request's own (duplicated) Vert.x context, where it follows the
     * request across reactive hops, and in the MDC for the log lines.
     */
    static void begin(String id) {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(LOCAL, id);
        }
        MDC.put(MDC_KEY, id);
    }

    /**
     * The current request's id, or null outside a request. Read from the request's context first: the MDC is rewritten
     * whenever OpenTelemetry switches spans, and its copy of other keys can come from whichever context was current then.
     */
    public static String current() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            Object id = context.getLocal(LOCAL);
            if (id != null) {
                return id.toString();
            }
        }
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    /** The caller's id when it cannot inject anything into our logs, else a fresh one. */
    public static String accept(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : generate();
    }

    /** 128 random bits as 32 hex chars; ThreadLocalRandom keeps the hot path free of SecureRandom contention. */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        long hi = random.nextLong();
        long lo = random.nextLong();
        for (int i = 0; i < 16; i++) {
            out[15 - i] = HEX[(int) (hi >>> (i * 4)) & 0xf];
            out[31 - i] = HEX[(int) (lo >>> (i * 4)) & 0xf];
        }
        return new String(out);
    }
}
