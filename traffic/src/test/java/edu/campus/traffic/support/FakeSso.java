package edu.campus.traffic.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * SSO's provisioning API as a stateful fake (a WireMock transformer): the accounts it holds by entity id, every
 * batch it was sent, and a switch that makes it fail (503) after a number of batches. It refuses, like SSO, a
 * teacher without {@code entity_id} (422) — and remembers that it was asked.
 */
public class FakeSso implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-sso";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** entity id → full name: the traffic teachers SSO holds. */
    public static final Map<Long, String> accounts = new ConcurrentHashMap<>();
    public static final CopyOnWriteArrayList<Integer> batchSizes = new CopyOnWriteArrayList<>();
    public static final AtomicInteger withoutEntityId = new AtomicInteger();
    public static final AtomicInteger deletes = new AtomicInteger();
    /** Batches still answered before SSO "goes down"; negative = never fails. */
    public static final AtomicInteger batchesBeforeFailure = new AtomicInteger(-1);
    private static final AtomicLong userIds = new AtomicLong(5000);

    public static void reset() {
        accounts.clear();
        batchSizes.clear();
        withoutEntityId.set(0);
        deletes.set(0);
        batchesBeforeFailure.set(-1);
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
        if ("DELETE".equals(request.getMethod().getName())) {
            deletes.incrementAndGet();
            accounts.remove(Long.parseLong(url.substring(url.lastIndexOf('/') + 1)));
            return new ResponseDefinition(204, "");
        }
        int budget = batchesBeforeFailure.getAndUpdate(n -> n > 0 ? n - 1 : n);
        if (budget == 0) {
            return json(503, "{\"error_code\":\"unavailable\",\"message\":\"down\",\"details\":{}}");
        }
        try {
            JsonNode teachers = JSON.readTree(request.getBodyAsString()).path("teachers");
            batchSizes.add(teachers.size());
            ObjectNode response = JSON.createObjectNode();
            ArrayNode results = response.putArray("results");
            int ok = 0;
            for (JsonNode teacher : teachers) {
                ObjectNode result = results.addObject();
                if (!teacher.hasNonNull("entity_id")) {
                    withoutEntityId.incrementAndGet();
                    result.putNull("entity_id");
                    result.putObject("error").put("error_code", "entity_id_required").put("message", "no entity id");
                    continue;
                }
                long entity = teacher.get("entity_id").asLong();
                String name = teacher.path("full_name").asText();
                if (name.startsWith("Refused")) {
                    result.put("entity_id", entity);
                    result.putObject("error").put("error_code", "conflict").put("message", "refused by the fake");
                    continue;
                }
                accounts.put(entity, name);
                result.put("entity_id", entity);
                result.putObject("user").put("user_id", userIds.incrementAndGet()).put("username", "t" + entity)
                        .put("full_name", name).put("app", "traffic").put("role", "teacher").put("entity_id", entity);
                ok++;
            }
            response.put("ok", ok);
            response.put("failed", teachers.size() - ok);
            return json(200, JSON.writeValueAsString(response));
        } catch (Exception e) {
            return json(400, "{\"error_code\":\"bad_request\",\"message\":\"unreadable\",\"details\":{}}");
        }
    }

    private static ResponseDefinition json(int status, String body) {
        return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }
}
