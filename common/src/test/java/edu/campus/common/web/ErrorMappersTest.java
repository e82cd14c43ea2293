package edu.campus.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import edu.campus.common.json.StrictJson;

/** Field names in error bodies are the names on the wire. */
class ErrorMappersTest {

    record Item(String fullName, long entityId) {
    }

    record Batch(List<Item> items) {
    }

    private static final ObjectMapper STRICT = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    static {
        new StrictJson().customize(STRICT);
    }

    private static MismatchedInputException failure(String json, Class<?> type) {
        try {
            STRICT.readValue(json, type);
        } catch (MismatchedInputException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no failure for " + json);
    }

    @Test
    void camelCaseBecomesSnakeCase() {
        assertEquals("faculty_abbr", ErrorMappers.snake("facultyAbbr"));
        assertEquals("id", ErrorMappers.snake("id"));
    }

    @Test
    void aWrongTypeNamesItsPathAndWhatWasExpected() {
        MismatchedInputException e = failure("{\"items\":[{\"full_name\":\"a\",\"entity_id\":1},{\"full_name\":2,\"entity_id\":1}]}", Batch.class);
        assertEquals("items[1].full_name", ErrorMappers.fieldPath(e));
        assertEquals("a string", ErrorMappers.expected(e.getTargetType()));
    }

    @Test
    void noTruncationOfFractionsAndNoTextForNumbers() {
        assertEquals("items[0].entity_id",
                ErrorMappers.fieldPath(failure("{\"items\":[{\"full_name\":\"a\",\"entity_id\":1.5}]}", Batch.class)));
        assertEquals("items[0].entity_id",
                ErrorMappers.fieldPath(failure("{\"items\":[{\"full_name\":\"a\",\"entity_id\":\"1\"}]}", Batch.class)));
        assertEquals("a whole number", ErrorMappers.expected(long.class));
    }

    @Test
    void unknownPropertiesAreNamed() {
        assertEquals("items[0].fullName", ErrorMappers.fieldPath(failure("{\"items\":[{\"fullName\":\"a\",\"entity_id\":1}]}", Batch.class)));
    }
}
