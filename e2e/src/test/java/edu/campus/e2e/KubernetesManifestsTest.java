package edu.campus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * deploy/k8s: every overlay rendered by kustomize (kubectl kustomize), read into the Kubernetes API's model classes
 * (fabric8: a wrong type fails, an unknown field — a typo, a field in the wrong place — is reported with its path), and the
 * platform's rules checked on what would be applied.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Platform.ROOT.resolve("deploy/k8s");
    private static final Set<String> SCALED = Set.of("schedule", "traffic", "services", "main");
    /** The platform's services, and those with a database of their own (ComposeFileTest holds compose to the same). */
    static final Set<String> SERVICES = Set.of("sso", "schedule", "traffic", "services", "main", "bot");
    static final Set<String> WITH_DATABASE = Set.of("sso", "traffic", "services", "main", "bot");

    @BeforeAll
    static void devSecrets() throws Exception {
        // dev's secretGenerator reads files its script generates (never committed)
        run(List.of("bash", K8S.resolve("overlays/dev/make-secrets").toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyObjectIsAValidKubernetesObject(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        assertTrue(objects.size() > 25, overlay + ": " + objects.size() + " objects");
        List<String> unknown = new ArrayList<>();
        for (HasMetadata object : objects) {
            unknownFields(object, object.getKind() + "/" + object.getMetadata().getName(), unknown);
            assertTrue(object.getMetadata().getNamespace() != null || object.getKind().equals("Namespace"),
                    object.getKind() + "/" + object.getMetadata().getName() + " has no namespace");
        }
        assertEquals(List.of(), unknown, overlay + ": fields the Kubernetes API does not have");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyDeploymentHasProbesLimitsAndNoPrivileges(String overlay) throws Exception {
        List<Deployment> deployments = of(render(overlay), Deployment.class);
        assertEquals(SERVICES, deployments.stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet()));
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name + ": runAsNonRoot");
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), name + ": no API token in the pod");
            List<Container> containers = new ArrayList<>(pod.getContainers());
            containers.addAll(pod.getInitContainers());
            for (Container container : containers) {
                String where = name + "/" + container.getName();
                var limits = container.getResources().getLimits();
                var requests = container.getResources().getRequests();
                assertTrue(limits.containsKey("cpu") && limits.containsKey("memory"), where + ": limits " + limits);
                assertTrue(requests.containsKey("cpu") && requests.containsKey("memory"), where + ": requests " + requests);
                assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(), where + ": read-only root");
                assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(), where);
                assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(), where);
                assertTrue(container.getImage().matches("[a-z0-9.:/-]+/campus/" + name + ":[A-Za-z0-9._-]+"), where + ": image " + container.getImage());
                assertFalse(container.getImage().endsWith(":latest"), where);
            }
            Container app = pod.getContainers().get(0);
            probe(name, "startup", app.getStartupProbe(), "/health/started");
            probe(name, "liveness", app.getLivenessProbe(), "/health/liveness");
            probe(name, "readiness", app.getReadinessProbe(), "/health/readiness");
            // read-only root: the one writable place is an emptyDir on /tmp, bounded
            assertEquals("/tmp", app.getVolumeMounts().get(0).getMountPath(), name);
            assertNotNull(pod.getVolumes().get(0).getEmptyDir().getSizeLimit(), name + ": /tmp bounded");

            if (WITH_DATABASE.contains(name)) {
                // migrations before the service: an init container as the owner; the service as the app role, not migrating
                assertEquals(1, pod.getInitContainers().size(), name);
                Container migrate = pod.getInitContainers().get(0);
                assertEquals(app.getImage(), migrate.getImage(), name + ": the migration runs the release it precedes");
                assertEquals(name + "_owner", env(migrate, "DB_USER"), name);
                assertEquals("true", env(migrate, "QUARKUS_INIT_AND_EXIT"), name);
                assertEquals(name + "_app", env(app, "DB_USER"), name);
                assertEquals("false", env(app, "QUARKUS_FLYWAY_MIGRATE_AT_START"), name);
            } else {
                assertTrue(pod.getInitContainers().isEmpty(), name);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void noIngressPathReachesAnInternalRoute(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        List<String> internal = Files.readAllLines(Platform.ROOT.resolve("deploy/internal-routes.txt")).stream()
                .filter(line -> line.startsWith("/")).toList();
        Map<String, Service> services = of(objects, Service.class).stream()
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
        List<String> paths = new ArrayList<>();
        for (Ingress ingress : of(objects, Ingress.class)) {
            assertFalse(ingress.getSpec().getTls().isEmpty(), ingress.getMetadata().getName() + ": TLS");
            for (var rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    paths.add(path.getPath());
                    for (String route : internal) {
                        assertFalse(reaches(path, route), ingress.getMetadata().getName() + ": " + path.getPathType() + " " + path.getPath()
                                + " reaches the internal route " + route);
                    }
                    Service backend = services.get(path.getBackend().getService().getName());
                    assertNotNull(backend, path.getPath() + ": no such Service");
                    assertTrue(backend.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(path.getBackend().getService().getPort().getName())),
                            path.getPath() + ": no such port");
                }
            }
        }
        // what the gateway routes publicly, the Ingress routes too
        for (String route : List.of("/api/schedule", "/api/users", "/api/traffic", "/kiosk", "/api/services", "/api/main/me",
                "/api/bot/webhook", "/api/traffic/kiosks/events", "/api/traffic/admin/kiosks/events", "/api/auth/login")) {
            assertTrue(paths.contains(route), overlay + ": the Ingress has no " + route);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void scalingDisruptionsAndNetworkPolicies(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        Map<String, Deployment> deployments = of(objects, Deployment.class).stream()
                .collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d));
        List<HorizontalPodAutoscaler> autoscalers = of(objects, HorizontalPodAutoscaler.class);
        assertEquals(SCALED, autoscalers.stream().map(h -> h.getSpec().getScaleTargetRef().getName()).collect(Collectors.toSet()));
        for (HorizontalPodAutoscaler hpa : autoscalers) {
            assertTrue(deployments.containsKey(hpa.getSpec().getScaleTargetRef().getName()));
            assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas(), hpa.getMetadata().getName());
        }
        List<PodDisruptionBudget> budgets = of(objects, PodDisruptionBudget.class);
        if (overlay.equals("prod")) {
            // every service that runs two or more keeps one through a node drain
            Set<String> covered = budgets.stream().map(b -> b.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name"))
                    .collect(Collectors.toSet());
            for (Deployment deployment : deployments.values()) {
                if (deployment.getSpec().getReplicas() > 1) {
                    assertTrue(covered.contains(deployment.getMetadata().getName()), deployment.getMetadata().getName() + ": no PodDisruptionBudget");
                }
            }
            assertTrue(deployments.values().stream().filter(d -> SCALED.contains(d.getMetadata().getName()))
                    .allMatch(d -> d.getSpec().getReplicas() >= 2), "prod runs two of everything that scales");
        } else {
            assertEquals(List.of(), budgets, "dev runs one of each: a budget would block every node drain");
        }

        Map<String, NetworkPolicy> policies = of(objects, NetworkPolicy.class).stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
        NetworkPolicy deny = policies.get("default-deny-ingress");
        assertNotNull(deny, "a default deny");
        assertTrue(deny.getSpec().getPodSelector().getMatchLabels() == null || deny.getSpec().getPodSelector().getMatchLabels().isEmpty());
        assertTrue(deny.getSpec().getIngress() == null || deny.getSpec().getIngress().isEmpty(), "the default deny lets nothing in");
        // in the cluster, sso (and its /api/provision) is reached only by the services that call it
        NetworkPolicy sso = policies.get("sso-from-its-clients");
        var from = sso.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchExpressions().get(0);
        assertEquals("In", from.getOperator());
        assertEquals(Set.of("traffic", "services", "bot", "main"), Set.copyOf(from.getValues()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void secretsAndConfiguration(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        Map<String, Secret> secrets = of(objects, Secret.class).stream().collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
        Set<String> configMaps = of(objects, ConfigMap.class).stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
        if (overlay.equals("prod")) {
            assertEquals(Map.of(), secrets, "prod's secrets are made outside Git");
        }
        for (Deployment deployment : of(objects, Deployment.class)) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            for (Container container : Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).toList()) {
                for (var source : container.getEnvFrom()) {
                    assertTrue(configMaps.contains(source.getConfigMapRef().getName()), source.getConfigMapRef().getName());
                }
                for (EnvVar variable : container.getEnv()) {
                    assertTrue(variable.getValue() != null ^ variable.getValueFrom() != null, variable.getName());
                    if (variable.getValueFrom() == null || overlay.equals("prod")) {
                        continue;
                    }
                    // dev: every secret a container reads is generated, with that key
                    SecretKeySelector ref = variable.getValueFrom().getSecretKeyRef();
                    Secret secret = secrets.get(ref.getName());
                    assertNotNull(secret, deployment.getMetadata().getName() + ": " + variable.getName() + " reads the missing Secret " + ref.getName());
                    assertTrue(secret.getData().containsKey(ref.getKey()), ref.getName() + " has no key " + ref.getKey());
                }
            }
        }
    }

    private static boolean reaches(HTTPIngressPath path, String route) {
        String p = path.getPath();
        if ("Exact".equals(path.getPathType())) {
            return route.endsWith("/") ? p.startsWith(route) : p.equals(route);
        }
        // Prefix matches whole path elements: /api/auth reaches /api/auth/token; a prefix inside an internal prefix too
        String prefix = p.endsWith("/") ? p : p + "/";
        return route.equals(p) || route.startsWith(prefix) || (route.endsWith("/") && prefix.startsWith(route));
    }

    private static void probe(String name, String kind, Probe probe, String path) {
        assertNotNull(probe, name + ": no " + kind + " probe");
        assertEquals(path, probe.getHttpGet().getPath(), name + ": " + kind);
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
    }

    /** What an overlay renders, of one kind (ComposeFileTest checks the variables the Deployments set). */
    static <T> List<T> rendered(String overlay, Class<T> type) throws Exception {
        devSecrets();
        return of(render(overlay), type);
    }

    private static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static final Map<String, List<HasMetadata>> RENDERED = new HashMap<>();

    private static synchronized List<HasMetadata> render(String overlay) throws Exception {
        if (!RENDERED.containsKey(overlay)) {
            String yaml = run(List.of("kubectl", "kustomize", K8S.resolve("overlays/" + overlay).toString()));
            KubernetesSerialization serialization = new KubernetesSerialization();
            List<HasMetadata> objects = new ArrayList<>();
            for (String document : yaml.split("(?m)^---$")) {
                if (!document.isBlank()) {
                    objects.add(serialization.unmarshal(document, HasMetadata.class));
                }
            }
            RENDERED.put(overlay, objects);
        }
        return RENDERED.get(overlay);
    }

    /** Fields the model does not know land in additionalProperties: report each with its path. */
    private static void unknownFields(Object node, String path, List<String> found) throws ReflectiveOperationException {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                unknownFields(entry.getValue(), path + "." + entry.getKey(), found);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class
                    || !getter.getName().startsWith("get")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + uncapitalize(getter.getName().substring(3)), found);
            }
        }
    }

    private static String uncapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail(command.get(0) + " is needed (kubectl from the OS packages: apt-get install kubectl): " + e.getMessage());
            throw e;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed:\n" + out);
        }
        return Objects.requireNonNull(out);
    }
}
