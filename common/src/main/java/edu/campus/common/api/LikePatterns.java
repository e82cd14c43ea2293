package edu.campus.common.api;

/**
 * SQL {@code LIKE} patterns from user input, with the pattern's own characters ({@code \}, {@code %}, {@code _})
 * escaped so that they match literally (PostgreSQL's default escape character is the backslash).
 */
public final class LikePatterns {

    private LikePatterns() {
    }

    /** Matches values containing {@code text}. */
    public static String containing(String text) {
        return "%" + literal(text) + "%";
    }

    /** Matches values starting with {@code text}. */
    public static String startingWith(String text) {
        return literal(text) + "%";
    }

    static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
