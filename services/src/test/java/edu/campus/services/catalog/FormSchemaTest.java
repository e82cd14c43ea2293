package edu.campus.services.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import edu.campus.common.error.ApiException;

class FormSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private static FormSchema form(String json) throws Exception {
        return JSON.readValue(json, FormSchema.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> wrong(FormSchema form, String answers, Map<String, Integer> files) {
        ApiException e = assertThrows(ApiException.class, () -> form.check(answers == null ? null : JSON.readTree(answers), files));
        assertEquals(400, e.status());
        return (Map<String, String>) e.details().get("fields");
    }

    private static final String ALL = """
            {"fields":[
              {"name":"reason","label":"R","type":"select","required":true,"options":["a","b"]},
              {"name":"copies","label":"C","type":"number","integer":true,"min":1,"max":5},
              {"name":"amount","label":"A","type":"number","min":0.5},
              {"name":"comment","label":"T","type":"textarea","max_length":20},
              {"name":"surname","label":"S","type":"text","min_length":2},
              {"name":"day","label":"D","type":"date","min_date":"2026-01-01","max_date":"2026-12-31"},
              {"name":"consent","label":"K","type":"checkbox","required":true},
              {"name":"newsletter","label":"N","type":"checkbox"},
              {"name":"scan","label":"F","type":"file","required":true,"max_files":2}
            ]}""";

    @Test
    void aGoodFormHasNoProblemsAndAnswersComeBackNormalised() throws Exception {
        FormSchema form = form(ALL);
        assertEquals(Map.of(), form.problems(10));
        Map<String, Object> kept = form.check(JSON.readTree("""
                {"reason":"b","copies":3,"amount":0.75,"comment":"  line one\\nline two ","surname":"Ли","day":"2026-06-01",
                 "consent":true,"newsletter":false}"""), Map.of("scan", 1));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("reason", "b");
        expected.put("copies", new BigDecimal("3"));
        expected.put("amount", new BigDecimal("0.75"));
        expected.put("comment", "line one\nline two");
        expected.put("surname", "Ли");
        expected.put("day", "2026-06-01");
        expected.put("consent", true);
        expected.put("newsletter", false);
        assertEquals(expected, kept);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(kept.keySet()), "in the form's order");
    }

    @Test
    void everyWrongAnswerIsNamed() throws Exception {
        FormSchema form = form(ALL);
        Map<String, String> wrong = wrong(form, """
                {"reason":"c","copies":2.5,"amount":0.1,"comment":"%s","surname":"x","day":"2027-01-01","consent":false,"extra":1,
                 "newsletter":"yes"}""".formatted("y".repeat(21)), Map.of("scan", 3, "other", 1));
        assertEquals("must be one of the options", wrong.get("reason"));
        assertEquals("must be a whole number", wrong.get("copies"));
        assertEquals("must be at least 0.5", wrong.get("amount"));
        assertEquals("at most 20 characters", wrong.get("comment"));
        assertEquals("at least 2 characters", wrong.get("surname"));
        assertEquals("must not be after 2026-12-31", wrong.get("day"));
        assertEquals("must be ticked", wrong.get("consent"));
        assertEquals("is not a field of this form", wrong.get("extra"));
        assertEquals("must be true or false", wrong.get("newsletter"));
        assertEquals("at most 2 file(s)", wrong.get("scan"));
        assertEquals("is not a file field of this form", wrong.get("other"));
    }

    @Test
    void requiredFieldsTypesAndShapes() throws Exception {
        FormSchema form = form(ALL);
        Map<String, String> missing = wrong(form, null, Map.of());
        assertEquals(Map.of("reason", "is required", "consent", "is required", "scan", "a file is required"), missing);
        assertEquals("is required", wrong(form, "{\"reason\":\"   \",\"consent\":true}", Map.of("scan", 1)).get("reason"));
        Map<String, String> types = wrong(form, "{\"reason\":1,\"copies\":\"2\",\"surname\":12,\"day\":\"01.02.2026\",\"consent\":\"true\"}",
                Map.of("scan", 1));
        assertEquals("must be one of the options", types.get("reason"));
        assertEquals("must be a number", types.get("copies"));
        assertEquals("must be text", types.get("surname"));
        assertEquals("must be a date as YYYY-MM-DD", types.get("day"));
        assertEquals("must be true or false", types.get("consent"));
        assertEquals("must be a date as YYYY-MM-DD", wrong(form, "{\"reason\":\"a\",\"consent\":true,\"day\":\"2026-02-30\"}",
                Map.of("scan", 1)).get("day"));
        assertEquals("is a file field: send the file as a part named scan",
                wrong(form, "{\"reason\":\"a\",\"consent\":true,\"scan\":\"x\"}", Map.of("scan", 1)).get("scan"));
        ApiException array = assertThrows(ApiException.class, () -> form.check(JSON.readTree("[1]"), Map.of()));
        assertEquals(Map.of("form", "must be a JSON object"), array.details().get("fields"));
        // attachments ("files") are always allowed
        form.check(JSON.readTree("{\"reason\":\"a\",\"consent\":true}"), Map.of("scan", 1, "files", 4));
    }

    @Test
    void controlCharactersAndNul() throws Exception {
        FormSchema form = form(ALL);
        JsonNode nul = JSON.readTree("{\"reason\":\"a\",\"consent\":true,\"surname\":\"Ли\\u0000\"}");
        assertEquals("must not contain NUL", assertFields(form, nul).get("surname"));
        JsonNode newline = JSON.readTree("{\"reason\":\"a\",\"consent\":true,\"surname\":\"Ли\\nЛи\"}");
        assertEquals("must be one line without control characters", assertFields(form, newline).get("surname"));
        JsonNode bell = JSON.readTree("{\"reason\":\"a\",\"consent\":true,\"comment\":\"a\\u0007\"}");
        assertEquals("must not contain control characters", assertFields(form, bell).get("comment"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> assertFields(FormSchema form, JsonNode answers) {
        return (Map<String, String>) assertThrows(ApiException.class, () -> form.check(answers, Map.of("scan", 1))).details().get("fields");
    }

    @Test
    void formsStaffWriteAreCheckedByPath() throws Exception {
        FormSchema bad = form("""
                {"fields":[
                  {"name":"Bad Name","label":"x","type":"text"},
                  {"name":"dup","label":"","type":"text","max_length":20000,"min_length":-1},
                  {"name":"dup","label":"x","type":"select"},
                  {"name":"files","label":"x","type":"file","max_files":11},
                  {"name":"n","label":"x","type":"number","min":5,"max":1,"options":["a"]},
                  {"name":"d","label":"x","type":"date","min_date":"2026-02-01","max_date":"2026-01-01"},
                  {"name":"s","label":"x","type":"select","options":["a","a"]},
                  {"name":"t","label":"x"},
                  {"name":"u","label":"x","type":"text","min_length":30,"max_length":10}
                ]}""");
        Map<String, String> problems = bad.problems(10);
        assertEquals("must match [a-z][a-z0-9_]{0,39}", problems.get("form.fields[0].name"));
        assertEquals("must be 1 to 200 characters", problems.get("form.fields[1].label"));
        assertEquals("must be 1 to 1000", problems.get("form.fields[1].max_length"));
        assertTrue(problems.containsKey("form.fields[1].min_length"));
        assertEquals("is used by another field", problems.get("form.fields[2].name"));
        assertEquals("a select needs 1 to 100 options", problems.get("form.fields[2].options"));
        assertEquals("is reserved", problems.get("form.fields[3].name"));
        assertEquals("must be 1 to 10", problems.get("form.fields[3].max_files"));
        assertEquals("must not exceed max", problems.get("form.fields[4].min"));
        assertEquals("does not apply to this type", problems.get("form.fields[4].options"));
        assertEquals("must not be after max_date", problems.get("form.fields[5].min_date"));
        assertEquals("holds \"a\" twice", problems.get("form.fields[6].options"));
        assertTrue(problems.get("form.fields[7].type").startsWith("must be one of"));
        assertEquals("must not exceed max_length", problems.get("form.fields[8].min_length"));
        assertEquals("is required (an empty list for a form without fields)", new FormSchema(null).problems(10).get("form.fields"));
        assertEquals(Map.of(), FormSchema.empty().problems(10));
    }
}
