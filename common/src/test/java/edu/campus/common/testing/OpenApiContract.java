package edu.campus.common.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Checks a service's OpenAPI document against what the service really answers. */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode doc;
    private final String text;

    private OpenApiContract(String text) {
        this.text = text;
        try {
            this.doc = JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("the OpenAPI document is not JSON", e);
        }
    }

    /** The running service's document. */
    public static OpenApiContract fetch() {
        return new OpenApiContract(given().queryParam("format", "json").get("/openapi").then().statusCode(200).extract().asString());
    }

    public JsonNode document() {
        return doc;
    }

    /** The document as text (for absence checks such as framework types). */
    public String text() {
        return text;
    }

    /** The property names of a component schema. */
    public Set<String> properties(String schema) {
        JsonNode node = doc.path("components").path("schemas").path(schema);
        assertFalse(node.isMissingNode(), "no schema " + schema + " in the document");
        Set<String> names = new TreeSet<>();
        node.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every key of a real answer is a property of the schema, and every property of the schema is snake_case. */
    public void assertAnswerMatches(String schema, String answerJson) {
        Set<String> documented = properties(schema);
        documented.forEach(name -> assertTrue(name.matches("[a-z0-9_]+"), schema + "." + name + " is not snake_case"));
        JsonNode answer;
        try {
            answer = JSON.readTree(answerJson);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = answer.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        assertFalse(keys.isEmpty(), "the answer has no keys");
        for (String key : keys) {
            assertTrue(documented.contains(key), schema + " does not document '" + key + "' (documented: " + documented + ")");
        }
    }

    /** The operation at this path and method. */
    public JsonNode operation(String path, String method) {
        JsonNode op = doc.path("paths").path(path).path(method.toLowerCase());
        assertFalse(op.isMissingNode(), method + " " + path + " is not in the document");
        return op;
    }

    /** The operation needs the bearer scheme and documents 401 and 403 with the error body. */
    public void assertSecured(String path, String method) {
        JsonNode op = operation(path, method);
        assertTrue(op.path("security").toString().contains("bearer"), method + " " + path + " declares no bearer security");
        for (String status : List.of("401", "403")) {
            JsonNode response = op.path("responses").path(status);
            assertNotNull(response.path("content").path("application/json").path("schema").path("$ref").textValue(),
                    method + " " + path + " documents no " + status + " with the error body");
        }
        assertTrue(doc.path("components").path("securitySchemes").has("bearer"), "no bearer scheme");
    }

    /** The operation documents this status. */
    public void assertStatus(String path, String method, String status) {
        assertTrue(operation(path, method).path("responses").has(status), method + " " + path + " does not document " + status);
    }
}
