package edu.campus.common.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.RestAssured;

/**
 * A fuzz pass generated from a service's OpenAPI document: every operation, every parameter and every request body gets
 * missing and extra fields, wrong types, huge and empty strings, unicode, negative and huge numbers, broken JSON, each
 * with every credential the caller hands in (and none). Holds: no answer is a 5xx, and every non-2xx answer with a body
 * has the error shape {@code {"error_code","message","details"}}. Streams (server-sent events) are left out.
 */
public final class OpenApiFuzz {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * Path ids no test row has, and no small id among the path values: a fuzzed call never deletes or changes the data
     * other tests rely on (sso's first admin is user 1).
     */
    private static final String SAFE_ID = "987654321";
    private static final List<String> PARAMETER_VALUES = List.of("", " ", "-1", "0", "987654321", "99999999999999999999999",
            "1.5", "abc", "true", "null", "%00", "\u0000", "ж", "😀", "' or 1=1 --", "../../etc/passwd", "2026-02-30", "x".repeat(3000));


    /** One answer that broke a rule. */
    public record Finding(String request, int status, String body) {
    }

    private final JsonNode doc;
    private final List<String> skipPaths;
    private int requests;
    private final TreeMap<Long, String> slowest = new TreeMap<>();

    private OpenApiFuzz(JsonNode doc, List<String> skipPaths) {
        this.doc = doc;
        this.skipPaths = skipPaths;
    }

    /** The running service's document; paths listed in {@code skipPaths} (exact) are not fuzzed. */
    public static OpenApiFuzz of(List<String> skipPaths) {
        return new OpenApiFuzz(OpenApiContract.fetch().document(), skipPaths);
    }

    public int requests() {
        return requests;
    }

    /** The slowest requests (milliseconds → request), for the failure message and the reader. */
    public Map<Long, String> slowest() {
        return slowest.descendingMap();
    }

    /** Runs every case with each credential ({@code null}: none) and returns what broke a rule. */
    private HttpClient client;

    public List<Finding> run(List<String> authorizations) {
        List<Finding> findings = new ArrayList<>();
        JsonNode paths = doc.path("paths");
        for (Iterator<String> it = paths.fieldNames(); it.hasNext();) {
            String path = it.next();
            if (skipPaths.contains(path)) {
                continue;
            }
            JsonNode item = paths.get(path);
            for (Iterator<String> methods = item.fieldNames(); methods.hasNext();) {
                String method = methods.next();
                JsonNode operation = item.get(method);
                if (!operation.isObject() || streams(operation)) {
                    continue;
                }
                for (Case c : cases(path, operation)) {
                    for (String authorization : authorizations) {
                        check(method.toUpperCase(), c, authorization, findings);
                    }
                }
            }
        }
        closeClient();
        return findings;
    }

    private record Case(String path, Map<String, String> query, String body, String contentType) {
    }

    private static boolean streams(JsonNode operation) {
        for (JsonNode response : operation.path("responses")) {
            if (response.path("content").has("text/event-stream")) {
                return true;
            }
        }
        return false;
    }

    private List<Case> cases(String template, JsonNode operation) {
        List<JsonNode> pathParams = new ArrayList<>();
        List<JsonNode> queryParams = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode p = resolve(parameter);
            switch (p.path("in").asText()) {
                case "path" -> pathParams.add(p);
                case "query" -> queryParams.add(p);
                default -> {
                }
            }
        }
        Map<String, String> basePath = new LinkedHashMap<>();
        pathParams.forEach(p -> basePath.put(p.path("name").asText(), sample(p.path("schema"), true)));
        Map<String, String> baseQuery = new LinkedHashMap<>();
        List<Case> cases = new ArrayList<>();
        JsonNode bodySchema = operation.path("requestBody").path("content").path("application/json").path("schema");
        String body = bodySchema.isMissingNode() ? null : write(example(bodySchema, 0));
        String type = body == null ? null : "application/json";

        cases.add(new Case(fill(template, basePath), baseQuery, body, type));
        for (JsonNode p : pathParams) {
            for (String value : PARAMETER_VALUES) {
                Map<String, String> values = new LinkedHashMap<>(basePath);
                values.put(p.path("name").asText(), value);
                cases.add(new Case(fill(template, values), baseQuery, body, type));
            }
        }
        for (JsonNode p : queryParams) {
            for (String value : PARAMETER_VALUES) {
                cases.add(new Case(fill(template, basePath), Map.of(p.path("name").asText(), value), body, type));
            }
            // a small real-looking value only where it cannot name a row (the first admin is id 1)
            cases.add(new Case(fill(template, basePath), Map.of(p.path("name").asText(), "1"), body, type));
        }
        cases.add(new Case(fill(template, basePath), Map.of("unknown_parameter", "x"), body, type));
        if (body != null) {
            for (String mutated : bodies(bodySchema)) {
                cases.add(new Case(fill(template, basePath), baseQuery, mutated, type));
            }
            cases.add(new Case(fill(template, basePath), baseQuery, "not json", type));
            cases.add(new Case(fill(template, basePath), baseQuery, "", type));
            cases.add(new Case(fill(template, basePath), baseQuery, body, "text/plain"));
        }
        return cases;
    }

    /** The body with each field missing, null, of each wrong type, huge, empty, unicode; plus an extra field; plus wrong roots. */
    private List<String> bodies(JsonNode schema) {
        List<String> out = new ArrayList<>();
        JsonNode base = example(schema, 0);
        out.add("null");
        out.add("[]");
        out.add("{}");
        out.add("\"text\"");
        out.add("12");
        if (base instanceof ObjectNode object) {
            ObjectNode extra = object.deepCopy();
            extra.put("unexpected_field", "x");
            out.add(write(extra));
            for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
                String field = it.next();
                ObjectNode without = object.deepCopy();
                without.remove(field);
                out.add(write(without));
                for (JsonNode value : wrongValues()) {
                    ObjectNode changed = object.deepCopy();
                    changed.set(field, value);
                    out.add(write(changed));
                }
            }
        }
        return out;
    }

    private static List<JsonNode> wrongValues() {
        ObjectNode object = NODES.objectNode();
        object.put("a", 1);
        ArrayNode array = NODES.arrayNode();
        array.add("a");
        return List.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("   "), NODES.textNode("x".repeat(100_000)),
                NODES.textNode("ж😀\u0000\u202e"), NODES.numberNode(-1), NODES.numberNode(0),
                NODES.numberNode(new java.math.BigInteger("99999999999999999999999")), NODES.numberNode(1e308), NODES.numberNode(1.5),
                NODES.booleanNode(true), object, array);
    }

    private JsonNode example(JsonNode schemaOrRef, int depth) {
        JsonNode schema = resolve(schemaOrRef);
        if (depth > 6) {
            return NODES.nullNode();
        }
        if (schema.has("allOf") && schema.get("allOf").size() > 0) {
            return example(schema.get("allOf").get(0), depth + 1);
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> property = it.next();
                    object.set(property.getKey(), example(property.getValue(), depth + 1));
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(example(schema.path("items"), depth + 1));
                yield array;
            }
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.textNode(sample(schema, false));
        };
    }

    private String sample(JsonNode schemaOrRef, boolean pathId) {
        JsonNode schema = resolve(schemaOrRef);
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0).asText();
        }
        return switch (schema.path("type").asText("string")) {
            case "integer", "number" -> pathId ? SAFE_ID : "1";
            case "boolean" -> "true";
            default -> switch (schema.path("format").asText("")) {
                case "date" -> "2026-11-18";
                case "date-time" -> "2026-11-18T10:00:00Z";
                case "uuid" -> "00000000-0000-0000-0000-000000000000";
                default -> pathId ? SAFE_ID : "text";
            };
        };
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            current = doc.at(ref.substring(1));
        }
        return current;
    }

    private static String fill(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", URLEncoder.encode(value.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void check(String method, Case c, String authorization, List<Finding> findings) {
        StringBuilder uri = new StringBuilder(RestAssured.baseURI).append(':').append(RestAssured.port).append(c.path());
        Map<String, String> query = new TreeMap<>(c.query());
        char separator = '?';
        for (Map.Entry<String, String> q : query.entrySet()) {
            uri.append(separator).append(q.getKey()).append('=').append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(10))
                .method(method, c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (c.body() != null) {
            request.header("Content-Type", c.contentType());
        }
        String described = method + " " + c.path() + (query.isEmpty() ? "" : " " + query) + (c.body() == null ? "" : " body "
                + (c.body().length() > 200 ? c.body().substring(0, 200) + "…" : c.body())) + (authorization == null ? "" : " (authorized)");
        HttpResponse<String> response;
        long started = System.nanoTime();
        try {
            response = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception first) {
            // a kept-alive connection the server closed after a refusal (414, 431, 413 close it): once more on a new one
            closeClient();
            try {
                response = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                closeClient();
                findings.add(new Finding(described, 0, "no answer: " + e));
                return;
            }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        slowest.put(ms * 1000 + requests % 1000, described.length() > 160 ? described.substring(0, 160) : described);
        if (slowest.size() > 5) {
            slowest.pollFirstEntry();
        }
        requests++;
        int status = response.statusCode();
        String body = response.body();
        if (status >= 500 || status >= 300 && !body.isEmpty() && !errorShape(body)) {
            findings.add(new Finding(described, status, body.length() > 500 ? body.substring(0, 500) : body));
        }
    }

    /**
     * One kept-alive connection for the whole run, not one per request: on this machine's sandboxed network stack about
     * one new loopback connection in 25 stalls exactly 5 s (the client's connect timeout, then its retry), which made
     * the fuzz passes spend most of their time waiting.
     */
    private HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        }
        return client;
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private static boolean errorShape(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.isObject() && node.path("error_code").isTextual() && node.path("message").isTextual()
                    && node.path("details").isObject();
        } catch (Exception e) {
            return false;
        }
    }
}
