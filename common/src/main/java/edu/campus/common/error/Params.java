package edu.campus.common.error;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Checks for the parameters of hot endpoints, answering the same 400 as bean validation
 * ({@code validation_error} with {@code details.fields}) without its per-call interceptor cost. (Ids are checked by
 * {@code web.ParamCheckFilter} for every endpoint.)
 */
public final class Params {

    private Params() {
    }

    /** A strict {@code YYYY-MM-DD} date, or {@code fallback} when absent; parsed without DateTimeFormatter. */
    public static LocalDate isoDate(String field, String value, LocalDate fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            throw ApiException.validation(field, "must be a date as YYYY-MM-DD");
        }
        int year = digits(field, value, 0, 4);
        int month = digits(field, value, 5, 7);
        int day = digits(field, value, 8, 10);
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw ApiException.validation(field, "must be a date as YYYY-MM-DD");
        }
    }

    private static int digits(String field, String value, int from, int to) {
        int result = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw ApiException.validation(field, "must be a date as YYYY-MM-DD");
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }
}
