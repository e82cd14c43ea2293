package edu.campus.main.gradebook;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A student's record book as main serves it: the upstream's entries, typed (dates as ISO, {@code zet} as a number), and
 * grouped into academic years the way the older system did: semesters paired (1–2, 3–4, ...), each year labelled from
 * its earliest entry date ({@code YYYY/YYYY+1}, a year starting in September), newest first, and entries without a
 * semester (0 or missing) in a last group labelled {@code other}. A retake in a later calendar year stays with its
 * semester.
 */
@io.quarkus.runtime.annotations.RegisterForReflection(targets = { RecordBook.class, RecordBook.AcademicYear.class, RecordBook.Entry.class })
public record RecordBook(String ordersTypeName, List<AcademicYear> academicYears) {

    public static final String OTHER = "other";
    private static final DateTimeFormatter UPSTREAM_DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu");

    /** {@code course}: 1 for semesters 1–2, ...; null for the {@code other} group. */
    public record AcademicYear(String label, Integer course, List<Entry> entries) {
    }

    public record Entry(String discipline, Integer grade, String gradeName, String testTypeName, String lecturer, Integer attempt,
            LocalDate date, Integer semester, String hours, BigDecimal zet) {
    }

    /** Reads {@code {"result":{"orders_type_name":..,"record_book_data":[..]}}}; null when the answer has no such shape. */
    public static RecordBook fromUpstream(JsonNode answer) {
        JsonNode result = answer == null ? null : answer.get("result");
        if (result == null || !result.isObject() || !result.path("record_book_data").isArray()) {
            return null;
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : result.get("record_book_data")) {
            if (e.isObject()) {
                entries.add(new Entry(text(e, "discipline"), integer(e, "grade"), text(e, "grade_name"), text(e, "test_type_name"),
                        text(e, "lecturer"), integer(e, "try"), date(text(e, "date")), integer(e, "semester"), text(e, "hours"),
                        decimal(text(e, "zet"))));
            }
        }
        return new RecordBook(text(result, "orders_type_name"), group(entries));
    }

    /** The grouping described above; entries inside a year by date, then discipline. */
    public static List<AcademicYear> group(List<Entry> entries) {
        TreeMap<Integer, List<Entry>> byCourse = new TreeMap<>(Comparator.reverseOrder());
        List<Entry> other = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.semester() == null || entry.semester() <= 0) {
                other.add(entry);
            } else {
                byCourse.computeIfAbsent((entry.semester() + 1) / 2, k -> new ArrayList<>()).add(entry);
            }
        }
        List<AcademicYear> years = new ArrayList<>();
        for (Map.Entry<Integer, List<Entry>> course : byCourse.entrySet()) {
            List<Entry> sorted = sorted(course.getValue());
            LocalDate earliest = sorted.stream().map(Entry::date).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
            years.add(new AcademicYear(earliest == null ? "course " + course.getKey() : label(earliest), course.getKey(), sorted));
        }
        if (!other.isEmpty()) {
            years.add(new AcademicYear(OTHER, null, sorted(other)));
        }
        return years;
    }

    /** {@code 2023/2024} for any date from 1 September 2023 to 31 August 2024. */
    static String label(LocalDate date) {
        int start = date.getMonthValue() >= 9 ? date.getYear() : date.getYear() - 1;
        return start + "/" + (start + 1);
    }

    private static List<Entry> sorted(List<Entry> entries) {
        return entries.stream().sorted(Comparator.comparing(Entry::date, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Entry::discipline, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.canConvertToInt() && value.isIntegralNumber()) {
            return value.asInt();
        }
        try {
            return Integer.valueOf(value.asText().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip(), UPSTREAM_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static BigDecimal decimal(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
