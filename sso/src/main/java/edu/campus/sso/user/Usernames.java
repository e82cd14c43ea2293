package edu.campus.sso.user;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Usernames from full names: surname, a dot, the initials, Cyrillic transliterated:
 * {@code Ларионенко Артём Александрович} → {@code larionenko.aa}. Collisions get 2, 3, ... (added by the caller).
 */
public final class Usernames {

    private static final Map<Character, String> CYRILLIC = Map.ofEntries(
            Map.entry('а', "a"), Map.entry('б', "b"), Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('д', "d"),
            Map.entry('е', "e"), Map.entry('ё', "e"), Map.entry('ж', "zh"), Map.entry('з', "z"), Map.entry('и', "i"),
            Map.entry('й', "y"), Map.entry('к', "k"), Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"),
            Map.entry('о', "o"), Map.entry('п', "p"), Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"),
            Map.entry('у', "u"), Map.entry('ф', "f"), Map.entry('х', "kh"), Map.entry('ц', "ts"), Map.entry('ч', "ch"),
            Map.entry('ш', "sh"), Map.entry('щ', "shch"), Map.entry('ъ', ""), Map.entry('ы', "y"), Map.entry('ь', ""),
            Map.entry('э', "e"), Map.entry('ю', "yu"), Map.entry('я', "ya"));

    /** How many numbered variants of a generated name are tried before giving up. */
    static final int MAX_TRIES = 50;

    private Usernames() {
    }

    /**
     * Runs {@code insert} with {@code base}, then {@code base2}, {@code base3}, ... while another account holds the
     * name; only for generated names ({@code generated}), an explicit one is tried once. The last candidate tried
     * goes to {@code onTaken} when the name stays taken.
     */
    public static <T> Uni<T> firstFree(String base, boolean generated, Function<String, Uni<T>> insert,
            Function<String, Throwable> onTaken) {
        return attempt(base, generated, insert, onTaken, 1);
    }

    private static <T> Uni<T> attempt(String base, boolean generated, Function<String, Uni<T>> insert,
            Function<String, Throwable> onTaken, int n) {
        String candidate = n == 1 ? base : base + n;
        return insert.apply(candidate).onFailure(Usernames::taken).recoverWithUni(failure ->
                generated && n < MAX_TRIES ? attempt(base, generated, insert, onTaken, n + 1)
                        : Uni.createFrom().failure(onTaken.apply(candidate)));
    }

    private static boolean taken(Throwable failure) {
        return failure instanceof PgException pg && "users_username_key".equals(pg.getConstraint());
    }

    public static String fromFullName(String fullName) {
        String[] parts = fullName == null ? new String[0] : fullName.trim().split("\\s+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            return "user";
        }
        StringBuilder name = new StringBuilder(transliterate(parts[0]));
        StringBuilder initials = new StringBuilder();
        for (int i = 1; i < parts.length && i < 3; i++) {
            String part = transliterate(parts[i]);
            if (!part.isEmpty()) {
                initials.append(part.charAt(0));
            }
        }
        if (!initials.isEmpty()) {
            name.append('.').append(initials);
        }
        String result = name.toString().replaceAll("^\\.+|\\.+$", "");
        return result.isEmpty() ? "user" : result.length() > 60 ? result.substring(0, 60) : result;
    }

    static String transliterate(String word) {
        StringBuilder out = new StringBuilder();
        for (char c : word.toLowerCase(Locale.ROOT).toCharArray()) {
            String latin = CYRILLIC.get(c);
            if (latin != null) {
                out.append(latin);
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
