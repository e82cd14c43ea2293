package edu.campus.common.observability;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** The request id: taken from {@code X-Request-Id} when it is sane, made up otherwise. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key under which every log line carries the id. */
    public static final String MDC_KEY = "trace_id";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
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
