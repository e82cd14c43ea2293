package edu.campus.services.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * SSO's provisioning API for services' staff and executors, as a stateful fake: the accounts it holds ("staff/7",
 * "executor/9" → full name), whether each has set a password, every call it got. It can go down for the next N calls
 * (503, nothing done), or do the next call and then answer 503 as if the answer were lost. A username starting with
 * "taken" is refused like SSO refuses a username in use (409).
 */
public class FakeSso implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-sso-services";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final Map<String, String> accounts = new ConcurrentHashMap<>();
    public static final Map<String, Boolean> passwordSet = new ConcurrentHashMap<>();
    public static final CopyOnWriteArrayList<String> calls = new CopyOnWriteArrayList<>();
    /** Calls still refused with 503 (nothing done). */
    public static final AtomicInteger down = new AtomicInteger();
    /** Calls still done but answered with 503 (the answer "lost"). */
    public static final AtomicInteger lostAnswers = new AtomicInteger();
    private static final AtomicLong userIds = new AtomicLong(9000);
    private static final AtomicInteger codes = new AtomicInteger();

    public static void reset() {
        accounts.clear();
        passwordSet.clear();
        calls.clear();
        down.set(0);
        lostAnswers.set(0);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        var request = event.getRequest();
        String url = request.getUrl();
        String kind = url.contains("/staff") ? "staff" : "executor";
        calls.add(request.getMethod().getName() + " " + url);
        if (down.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return json(503, "{\"error_code\":\"unavailable\",\"message\":\"down\",\"details\":{}}");
        }
        boolean lose = lostAnswers.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        ResponseDefinition answer;
        if ("DELETE".equals(request.getMethod().getName())) {
            accounts.remove(kind + "/" + url.substring(url.lastIndexOf('/') + 1));
            answer = new ResponseDefinition(204, "");
        } else {
            answer = upsert(kind, request.getBodyAsString());
        }
        return lose ? json(503, "{\"error_code\":\"unavailable\",\"message\":\"lost\",\"details\":{}}") : answer;
    }

    private static ResponseDefinition upsert(String kind, String body) {
        try {
            JsonNode account = JSON.readTree(body);
            if (!account.hasNonNull("entity_id")) {
                return json(422, "{\"error_code\":\"entity_id_required\",\"message\":\"no entity id\",\"details\":{}}");
            }
            String username = account.path("username").asText("");
            if (username.startsWith("taken")) {
                return json(409, "{\"error_code\":\"conflict\",\"message\":\"the username is taken\",\"details\":{\"username\":\"" + username
                        + "\"}}");
            }
            long entity = account.get("entity_id").asLong();
            String key = kind + "/" + entity;
            accounts.put(key, account.path("full_name").asText());
            ObjectNode out = JSON.createObjectNode();
            out.put("user_id", 9000 + entity).put("username", username.isEmpty() ? kind + entity : username)
                    .put("full_name", account.path("full_name").asText()).put("app", "services").put("role", kind).put("entity_id", entity);
            if (account.path("invite").asBoolean(false) && !passwordSet.getOrDefault(key, false)) {
                String code = "invite-" + key.replace('/', '-') + "-" + codes.incrementAndGet();
                out.putObject("invitation").put("code", code).put("link", "https://sso.campus.test/invite#" + code)
                        .put("expires_at", "2030-01-01T00:00:00Z");
            }
            userIds.incrementAndGet();
            return json(200, JSON.writeValueAsString(out));
        } catch (Exception e) {
            return json(400, "{\"error_code\":\"bad_request\",\"message\":\"unreadable\",\"details\":{}}");
        }
    }

    private static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body).build();
    }
}
