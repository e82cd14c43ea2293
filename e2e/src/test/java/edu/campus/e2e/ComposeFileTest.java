package edu.campus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * docker-compose.yml, which no machine here can run (no container engine): read as YAML and held to the rules the
 * Kubernetes manifests are held to ({@link KubernetesManifestsTest}), and to the services' own configuration: every
 * variable compose or a Kubernetes overlay sets for a service is one the service reads, so a misspelt name fails here
 * instead of being ignored in production.
 */
class ComposeFileTest {

    private static final Set<String> SERVICES = KubernetesManifestsTest.SERVICES;
    private static final Set<String> WITH_DATABASE = KubernetesManifestsTest.WITH_DATABASE;
    /** sso's service clients are a map in its configuration: SSO_CLIENTS_<ID>_SECRET and _SCOPES, any id. */
    private static final Pattern MAP_KEYED = Pattern.compile("SSO_CLIENTS_[A-Z0-9]+_(SECRET|SCOPES)");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|_KEY|TOKEN)");

    private static JsonNode compose;

    @BeforeAll
    static void read() throws IOException {
        compose = new ObjectMapper(new YAMLFactory()).readTree(Platform.ROOT.resolve("docker-compose.yml").toFile()).get("services");
    }

    @Test
    void everyDependencyExistsAndEveryServiceIsHealthChecked() {
        Set<String> names = names();
        for (String name : names) {
            JsonNode service = compose.get(name);
            service.path("depends_on").fieldNames().forEachRemaining(dependency -> {
                assertTrue(names.contains(dependency), name + " depends on the missing " + dependency);
                String condition = service.get("depends_on").get(dependency).path("condition").asText();
                assertTrue(Set.of("service_healthy", "service_completed_successfully").contains(condition), name + " → " + dependency + ": " + condition);
                if (condition.equals("service_healthy")) {
                    assertTrue(compose.get(dependency).has("healthcheck"), name + " waits for " + dependency + " to be healthy, which has no health check");
                }
            });
            // a one-shot migration has nothing to answer; nothing waits for the gateway (the outside world reaches it)
            if (!name.endsWith("-migrate") && !name.equals("gateway")) {
                assertTrue(service.has("healthcheck"), name + " has no health check");
            }
        }
        Set<String> gatewayWaitsFor = new TreeSet<>();
        compose.get("gateway").get("depends_on").fieldNames().forEachRemaining(gatewayWaitsFor::add);
        assertEquals(new TreeSet<>(SERVICES), gatewayWaitsFor);
        for (String service : SERVICES) {
            assertEquals(service, compose.get(service).get("build").get("args").get("SERVICE").asText());
            assertEquals(compose.get("schedule").get("healthcheck").get("test"), compose.get(service).get("healthcheck").get("test"),
                    service + ": the readiness check every service shares");
        }
    }

    @Test
    void migrationsRunFirstAsTheOwnerAndTheServiceAsTheAppRole() {
        for (String name : WITH_DATABASE) {
            JsonNode service = compose.get(name);
            JsonNode migrate = compose.get(name + "-migrate");
            assertNotNull(migrate, name + ": no migration step");
            JsonNode database = compose.get(env(service, "DB_HOST"));
            assertNotNull(database, name + ": DB_HOST is not a compose service");
            assertEquals(env(service, "DB_HOST"), env(migrate, "DB_HOST"), name);
            String db = env(service, "DB_NAME");
            assertEquals(db, env(migrate, "DB_NAME"), name);
            assertEquals(db, env(database, "POSTGRES_DB"), name);
            // the owner role, which owns the database, migrates; the service reads and writes as the app role
            assertEquals(db + "_owner", env(migrate, "DB_USER"), name + "-migrate connects as");
            assertEquals(db + "_owner", env(database, "POSTGRES_USER"), name);
            assertEquals(env(database, "POSTGRES_PASSWORD"), env(migrate, "DB_PASSWORD"), name);
            assertEquals(env(database, "CAMPUS_APP_PASSWORD"), env(service, "DB_PASSWORD"), name);
            assertEquals(db + "_app", env(service, "DB_USER"), name + " connects as");
            assertEquals("true", env(migrate, "QUARKUS_INIT_AND_EXIT"), name);
            assertEquals("false", env(service, "QUARKUS_FLYWAY_MIGRATE_AT_START"), name);
            assertEquals("no", migrate.path("restart").asText(), name + "-migrate runs once");
            assertEquals(service.get("build"), migrate.get("build"), name + ": the migration runs the release it precedes");
            assertEquals("service_completed_successfully", service.get("depends_on").get(name + "-migrate").get("condition").asText(), name);
        }
    }

    @Test
    void onlyTheGatewayIsReachableFromOutside() {
        List<String> published = names().stream().filter(name -> compose.get(name).has("ports")).toList();
        assertEquals(List.of("gateway"), published);
    }

    @Test
    void secretsComeFromTheEnvironmentNeverFromTheFile() {
        for (String name : names()) {
            compose.get(name).path("environment").fields().forEachRemaining(variable -> {
                if (SECRET_NAME.matcher(variable.getKey()).matches()) {
                    assertTrue(variable.getValue().asText().startsWith("${"), name + ": " + variable.getKey() + " is written in the file");
                }
            });
        }
    }

    @Test
    void everyVariableComposeSetsIsOneTheServiceReads() throws IOException {
        Map<String, List<String>> unread = new TreeMap<>();
        for (String name : names()) {
            String service = name.replace("-migrate", "");
            if (!SERVICES.contains(service)) {
                continue;
            }
            Set<String> read = readBy(service);
            compose.get(name).path("environment").fieldNames().forEachRemaining(variable -> {
                if (!isRead(variable, read)) {
                    unread.computeIfAbsent(name, n -> new ArrayList<>()).add(variable);
                }
            });
        }
        assertEquals(Map.of(), unread, "variables no service reads (a misspelt name is ignored silently)");
    }

    @Test
    void everyVariableAKubernetesOverlaySetsIsOneTheServiceReads() throws Exception {
        Map<String, List<String>> unread = new TreeMap<>();
        for (String overlay : List.of("dev", "prod")) {
            for (Deployment deployment : KubernetesManifestsTest.rendered(overlay, Deployment.class)) {
                String service = deployment.getMetadata().getName();
                Set<String> read = readBy(service);
                var pod = deployment.getSpec().getTemplate().getSpec();
                for (Container container : Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).toList()) {
                    container.getEnv().stream().map(EnvVar::getName).filter(variable -> !isRead(variable, read))
                            .forEach(variable -> unread.computeIfAbsent(overlay + "/" + service + "/" + container.getName(), n -> new ArrayList<>()).add(variable));
                }
            }
            // the shared ConfigMap is what every service reads, each taking what it needs: each key read by some service
            for (ConfigMap map : KubernetesManifestsTest.rendered(overlay, ConfigMap.class)) {
                for (String variable : map.getData() == null ? Set.<String> of() : map.getData().keySet()) {
                    boolean someone = false;
                    for (String service : SERVICES) {
                        someone |= isRead(variable, readBy(service));
                    }
                    if (!someone) {
                        unread.computeIfAbsent(overlay + "/ConfigMap " + map.getMetadata().getName(), n -> new ArrayList<>()).add(variable);
                    }
                }
            }
        }
        assertEquals(Map.of(), unread, "variables no service reads (a misspelt name is ignored silently)");
    }

    @Test
    void imageBuildsLeaveLocalStateAndBuildOutputOut() throws IOException {
        List<String> ignored = Files.readAllLines(Platform.ROOT.resolve(".dockerignore")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        for (String required : List.of(".campus/", "**/target/", ".env", ".git/")) {
            assertTrue(ignored.contains(required), ".dockerignore lacks " + required + ": " + ignored);
        }
    }

    private static boolean isRead(String variable, Set<String> read) {
        return read.contains(variable) || variable.startsWith("QUARKUS_") || MAP_KEYED.matcher(variable).matches();
    }

    private static final Map<String, Set<String>> READ = new HashMap<>();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");

    /**
     * The environment variables a service reads: those its configuration refers to (${NAME...} in its own
     * application.properties and in the shared modules' configuration) and those its code reads by name.
     */
    private static synchronized Set<String> readBy(String service) throws IOException {
        Set<String> cached = READ.get(service);
        if (cached != null) {
            return cached;
        }
        Set<String> names = new HashSet<>();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Platform.ROOT)) {
            for (Path module : modules.filter(m -> m.getFileName().toString().startsWith("common") || m.getFileName().toString().equals(service)).toList()) {
                Path main = module.resolve("src/main");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        files.filter(f -> f.toString().endsWith(".properties") || f.toString().endsWith(".java")).forEach(sources::add);
                    }
                }
            }
        }
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher matcher = (source.toString().endsWith(".java") ? LITERAL : REFERENCE).matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        assertTrue(names.contains("DB_USER") || service.equals("schedule"), service + ": nothing read from " + sources.size() + " files");
        READ.put(service, names);
        return names;
    }

    private static String env(JsonNode service, String name) {
        JsonNode value = service.path("environment").get(name);
        assertNotNull(value, name + " is not set");
        return value.asText();
    }

    private static Set<String> names() {
        Set<String> names = new TreeSet<>();
        compose.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
