package edu.campus.services.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import edu.campus.common.error.ApiException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A service's form: the fields a student fills in. Two rules live here, both pure: {@link #problems} checks a form
 * when staff save it (every mistake named by its path), {@link #check} checks a student's answers against it and
 * returns them normalised (text stripped, numbers as numbers), or refuses them naming every field that is wrong.
 * Fields of type {@code file} are answered by multipart parts of the same name; {@value #ATTACHMENTS} is the part
 * name for files that belong to no field.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormSchema(List<Field> fields) {

    public static final String ATTACHMENTS = "files";
    public static final int MAX_FIELDS = 50;
    public static final int MAX_OPTIONS = 100;
    public static final int TEXT_LIMIT = 1_000;
    public static final int TEXTAREA_LIMIT = 10_000;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Set<String> RESERVED = Set.of(ATTACHMENTS, "form", "message");

    @RegisterForReflection
    public enum FieldType {
        text, textarea, number, date, select, checkbox, file
    }

    /**
     * One field. {@code options}: select only. {@code min_length}/{@code max_length}: text and textarea (characters).
     * {@code min}/{@code max}/{@code integer}: number. {@code min_date}/{@code max_date}: date. {@code max_files}: file
     * (default 1). A required checkbox must be ticked (a consent).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Field(String name, String label, FieldType type, Boolean required, String help, List<String> options,
            Integer minLength, Integer maxLength, BigDecimal min, BigDecimal max, Boolean integer, LocalDate minDate,
            LocalDate maxDate, Integer maxFiles) {

        boolean mandatory() {
            return Boolean.TRUE.equals(required);
        }

        int textLimit() {
            int ceiling = type == FieldType.textarea ? TEXTAREA_LIMIT : TEXT_LIMIT;
            return maxLength == null ? ceiling : Math.min(maxLength, ceiling);
        }

        int fileLimit() {
            return maxFiles == null ? 1 : maxFiles;
        }
    }

    public static FormSchema empty() {
        return new FormSchema(List.of());
    }

    /** What is wrong with this form as staff wrote it, by path ({@code form.fields[2].options}); empty when nothing is. */
    public Map<String, String> problems(int maxFilesPerRequest) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (fields == null) {
            problems.put("form.fields", "is required (an empty list for a form without fields)");
            return problems;
        }
        if (fields.size() > MAX_FIELDS) {
            problems.put("form.fields", "at most " + MAX_FIELDS + " fields");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String at = "form.fields[" + i + "]";
            Field field = fields.get(i);
            if (field == null) {
                problems.put(at, "must be an object");
                continue;
            }
            if (field.name() == null || !NAME.matcher(field.name()).matches()) {
                problems.put(at + ".name", "must match [a-z][a-z0-9_]{0,39}");
            } else if (RESERVED.contains(field.name())) {
                problems.put(at + ".name", "is reserved");
            } else if (!names.add(field.name())) {
                problems.put(at + ".name", "is used by another field");
            }
            if (field.label() == null || field.label().isBlank() || field.label().length() > 200) {
                problems.put(at + ".label", "must be 1 to 200 characters");
            }
            if (field.help() != null && field.help().length() > 500) {
                problems.put(at + ".help", "at most 500 characters");
            }
            if (field.type() == null) {
                problems.put(at + ".type", "must be one of text, textarea, number, date, select, checkbox, file");
                continue;
            }
            FieldType type = field.type();
            only(problems, at, "options", field.options(), type == FieldType.select);
            only(problems, at, "min_length", field.minLength(), type == FieldType.text || type == FieldType.textarea);
            only(problems, at, "max_length", field.maxLength(), type == FieldType.text || type == FieldType.textarea);
            only(problems, at, "min", field.min(), type == FieldType.number);
            only(problems, at, "max", field.max(), type == FieldType.number);
            only(problems, at, "integer", field.integer(), type == FieldType.number);
            only(problems, at, "min_date", field.minDate(), type == FieldType.date);
            only(problems, at, "max_date", field.maxDate(), type == FieldType.date);
            only(problems, at, "max_files", field.maxFiles(), type == FieldType.file);
            switch (type) {
                case select -> checkOptions(problems, at, field.options());
                case text, textarea -> {
                    int ceiling = type == FieldType.textarea ? TEXTAREA_LIMIT : TEXT_LIMIT;
                    if (field.minLength() != null && field.minLength() < 0) {
                        problems.put(at + ".min_length", "must not be negative");
                    }
                    if (field.maxLength() != null && (field.maxLength() < 1 || field.maxLength() > ceiling)) {
                        problems.put(at + ".max_length", "must be 1 to " + ceiling);
                    }
                    if (field.minLength() != null && field.minLength() > field.textLimit()) {
                        problems.put(at + ".min_length", "must not exceed max_length");
                    }
                }
                case number -> {
                    if (field.min() != null && field.max() != null && field.min().compareTo(field.max()) > 0) {
                        problems.put(at + ".min", "must not exceed max");
                    }
                }
                case date -> {
                    if (field.minDate() != null && field.maxDate() != null && field.minDate().isAfter(field.maxDate())) {
                        problems.put(at + ".min_date", "must not be after max_date");
                    }
                }
                case file -> {
                    if (field.maxFiles() != null && (field.maxFiles() < 1 || field.maxFiles() > maxFilesPerRequest)) {
                        problems.put(at + ".max_files", "must be 1 to " + maxFilesPerRequest);
                    }
                }
                case checkbox -> {
                }
            }
        }
        return problems;
    }

    private static void only(Map<String, String> problems, String at, String property, Object value, boolean applies) {
        if (value != null && !applies) {
            problems.put(at + "." + property, "does not apply to this type");
        }
    }

    private static void checkOptions(Map<String, String> problems, String at, List<String> options) {
        if (options == null || options.isEmpty() || options.size() > MAX_OPTIONS) {
            problems.put(at + ".options", "a select needs 1 to " + MAX_OPTIONS + " options");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String option : options) {
            if (option == null || option.isBlank() || option.length() > 200) {
                problems.put(at + ".options", "every option must be 1 to 200 characters");
                return;
            }
            if (!seen.add(option)) {
                problems.put(at + ".options", "holds \"" + option + "\" twice");
                return;
            }
        }
    }

    /**
     * A student's answers, checked: {@code answers} is the form's JSON object (null: nothing answered), {@code files}
     * the number of uploaded files per part name. Returns the answers to keep, in the form's order (unanswered optional
     * fields left out); refuses with 400 {@code validation_error} naming every wrong field.
     */
    public Map<String, Object> check(JsonNode answers, Map<String, Integer> files) {
        Map<String, String> wrong = new LinkedHashMap<>();
        Map<String, Object> kept = new LinkedHashMap<>();
        if (answers != null && !answers.isNull() && !answers.isObject()) {
            throw ApiException.validation("form", "must be a JSON object");
        }
        Map<String, Field> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        if (answers != null && answers.isObject()) {
            answers.fieldNames().forEachRemaining(name -> {
                Field field = byName.get(name);
                if (field == null) {
                    wrong.put(name, "is not a field of this form");
                } else if (field.type() == FieldType.file) {
                    wrong.put(name, "is a file field: send the file as a part named " + name);
                }
            });
        }
        files.keySet().forEach(part -> {
            Field field = byName.get(part);
            if (!ATTACHMENTS.equals(part) && (field == null || field.type() != FieldType.file)) {
                wrong.put(part, "is not a file field of this form");
            }
        });
        for (Field field : fields) {
            if (field.type() == FieldType.file) {
                int count = files.getOrDefault(field.name(), 0);
                if (count == 0 && field.mandatory()) {
                    wrong.put(field.name(), "a file is required");
                } else if (count > field.fileLimit()) {
                    wrong.put(field.name(), "at most " + field.fileLimit() + " file(s)");
                }
                continue;
            }
            JsonNode value = answers == null ? null : answers.get(field.name());
            if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
                if (field.mandatory()) {
                    wrong.put(field.name(), "is required");
                }
                continue;
            }
            if (wrong.containsKey(field.name())) {
                continue;
            }
            String problem = checkValue(field, value, kept);
            if (problem != null) {
                wrong.put(field.name(), problem);
            }
        }
        if (!wrong.isEmpty()) {
            throw ApiException.validation(wrong);
        }
        return kept;
    }

    /** Puts the normalised value into {@code kept}, or says what is wrong with it. */
    private static String checkValue(Field field, JsonNode value, Map<String, Object> kept) {
        switch (field.type()) {
            case text, textarea -> {
                if (!value.isTextual()) {
                    return "must be text";
                }
                String text = value.asText().strip();
                String bad = badCharacter(text, field.type() == FieldType.textarea);
                if (bad != null) {
                    return bad;
                }
                int length = text.codePointCount(0, text.length());
                if (length > field.textLimit()) {
                    return "at most " + field.textLimit() + " characters";
                }
                if (field.minLength() != null && length < field.minLength()) {
                    return "at least " + field.minLength() + " characters";
                }
                kept.put(field.name(), text);
            }
            case number -> {
                if (!value.isNumber()) {
                    return "must be a number";
                }
                BigDecimal number = value.decimalValue();
                if (Boolean.TRUE.equals(field.integer()) && number.stripTrailingZeros().scale() > 0) {
                    return "must be a whole number";
                }
                if (field.min() != null && number.compareTo(field.min()) < 0) {
                    return "must be at least " + field.min().toPlainString();
                }
                if (field.max() != null && number.compareTo(field.max()) > 0) {
                    return "must be at most " + field.max().toPlainString();
                }
                kept.put(field.name(), number);
            }
            case date -> {
                LocalDate date;
                try {
                    date = value.isTextual() && value.asText().length() == 10 ? LocalDate.parse(value.asText()) : null;
                } catch (DateTimeParseException e) {
                    date = null;
                }
                if (date == null) {
                    return "must be a date as YYYY-MM-DD";
                }
                if (field.minDate() != null && date.isBefore(field.minDate())) {
                    return "must not be before " + field.minDate();
                }
                if (field.maxDate() != null && date.isAfter(field.maxDate())) {
                    return "must not be after " + field.maxDate();
                }
                kept.put(field.name(), date.toString());
            }
            case select -> {
                if (!value.isTextual() || !field.options().contains(value.asText())) {
                    return "must be one of the options";
                }
                kept.put(field.name(), value.asText());
            }
            case checkbox -> {
                if (!value.isBoolean()) {
                    return "must be true or false";
                }
                if (field.mandatory() && !value.asBoolean()) {
                    return "must be ticked";
                }
                kept.put(field.name(), value.asBoolean());
            }
            case file -> throw new IllegalStateException("file fields are answered by parts");
        }
        return null;
    }

    /** NUL and control characters are refused (line breaks and tabs only in a textarea). */
    private static String badCharacter(String text, boolean multiline) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not contain NUL";
            }
            if (Character.isISOControl(c) && !(c == '\t' || multiline && (c == '\n' || c == '\r'))) {
                return multiline ? "must not contain control characters" : "must be one line without control characters";
            }
        }
        return null;
    }
}
