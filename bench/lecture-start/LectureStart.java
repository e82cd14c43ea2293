import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A lecture start through the gateway, against a platform the runner started (bench/lecture-start.sh): KIOSKS kiosks poll
 * their state every second the whole time; TEACHERS teachers open one session each (ad hoc, by the kiosk's display PIN)
 * within SESSIONS_WITHIN; STUDENTS students mark within MARKS_WITHIN, each with the QR their session's kiosk shows (from
 * the kiosk's last poll), some tapping twice. Then: every session's attendee count, which must add up to STUDENTS exactly.
 * Latency per step (p50, p99, max) and CPU per mark (traffic's instances, nginx, PostgreSQL, from /proc) go to the report.
 *   java LectureStart.java <state dir> <report.md> <label> <traffic pids, comma-separated>
 */
public class LectureStart {

    static final int KIOSKS = 50, STUDENTS = 1500;
    static final Duration SESSIONS_WITHIN = Duration.ofSeconds(30), MARKS_WITHIN = Duration.ofSeconds(60);
    static final String GATEWAY = "https://localhost:8443";
    static HttpClient http;

    record Timed(int status, String body, long nanos) {
    }

    static final Map<String, ConcurrentLinkedQueue<Long>> LATENCY = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> STATUS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        Path report = Path.of(args[1]);
        String label = args[2];
        List<Long> trafficPids = new ArrayList<>();
        for (String pid : args[3].split(",")) {
            trafficPids.add(Long.parseLong(pid.strip()));
        }
        http = HttpClient.newBuilder().sslContext(trusting(state.resolve("tls/tls.crt"))).version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(5)).build();

        // --- set-up (not measured): a traffic admin, teachers with passwords, kiosks bound to building 11's rooms ---------
        String sso = field(post("/api/auth/login", null, json("username", "admin", "password", Files.readString(state.resolve("sso-admin-password")).strip(),
                "app", "sso")).body(), "access_token");
        String adminName = "bench.admin." + ThreadLocalRandom.current().nextInt(1_000_000);
        check(post("/api/users", sso, json("username", adminName, "password", "bench password " + adminName, "full_name", "Bench Admin",
                "app", "traffic", "role", "admin")), 201);
        String admin = field(post("/api/auth/login", null, json("username", adminName, "password", "bench password " + adminName, "app", "traffic")).body(),
                "access_token");
        long[] rooms = { 1201, roomsOf11()[1] };
        String[] teachers = new String[KIOSKS];
        String[] pins = new String[KIOSKS];
        String[] secrets = new String[KIOSKS];
        long base = 700_000 + ThreadLocalRandom.current().nextInt(100_000);
        try (ExecutorService setup = Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int i = 0; i < KIOSKS; i++) {
                int k = i;
                done.add(setup.submit(() -> {
                    long ruz = base + k;
                    check(post("/api/traffic/admin/teachers", admin, json("full_name", "Преподаватель Нагрузки " + ruz, "ruz_teacher_id", ruz)), 201);
                    String user = get("/api/users/by-ruz-teacher/" + ruz + "?app=traffic", sso).body();
                    String username = field(user, "username");
                    check(send("PATCH", "/api/users/" + field(user, "id"), sso, json("password", "bench teacher " + ruz)), 200);
                    teachers[k] = field(post("/api/auth/login", null, json("username", username, "password", "bench teacher " + ruz, "app", "traffic")).body(),
                            "access_token");
                    String kiosk = check(post("/api/traffic/kiosks/init", null, "{}"), 201).body();
                    secrets[k] = field(kiosk, "device_secret");
                    pins[k] = field(kiosk, "display_pin");
                    String id = field(get("/api/traffic/admin/kiosks/by-registration-pin/" + field(kiosk, "registration_pin"), admin).body(), "id");
                    check(send("PUT", "/api/traffic/admin/kiosks/" + id + "/room", admin, json("building_id", 11, "room_id", rooms[k % 2])), 200);
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        }
        System.out.printf("set up: %d teachers, %d kiosks%n", KIOSKS, KIOSKS);

        // --- kiosks poll every second, all along; what each shows is what its students scan -------------------------------
        AtomicBoolean polling = new AtomicBoolean(true);
        String[] sessionSecret = new String[KIOSKS];
        long[] sessionId = new long[KIOSKS];
        List<Thread> pollers = new ArrayList<>();
        for (int i = 0; i < KIOSKS; i++) {
            int k = i;
            pollers.add(Thread.ofVirtual().start(() -> {
                while (polling.get()) {
                    Timed shown = timed("kiosk poll", () -> get("/api/traffic/kiosks/state", secrets[k]));
                    if (shown.status == 200 && shown.body.contains("\"state\":\"active\"")) {
                        sessionSecret[k] = field(shown.body, "secret");
                    }
                    sleep(1000);
                }
            }));
        }
        sleep(3000);

        // --- sessions: every teacher opens one on their kiosk within SESSIONS_WITHIN -------------------------------------
        Instant start = Instant.now();
        List<Thread> opening = new ArrayList<>();
        for (int i = 0; i < KIOSKS; i++) {
            int k = i;
            long at = SESSIONS_WITHIN.toMillis() * k / KIOSKS;
            opening.add(Thread.ofVirtual().start(() -> {
                sleepUntil(start.plusMillis(at));
                Timed opened = timed("session open", () -> post("/api/traffic/sessions", teachers[k], json("display_pin", pins[k], "discipline",
                        "Лекция нагрузки")));
                check(opened, 201);
                sessionId[k] = Long.parseLong(field(opened.body, "id"));
            }));
        }
        for (Thread t : opening) {
            t.join();
        }
        sleep(2500); // the kiosks' next poll shows the sessions
        for (int k = 0; k < KIOSKS; k++) {
            if (sessionSecret[k] == null) {
                throw new IllegalStateException("kiosk " + k + " never showed its session");
            }
        }

        // --- marks: STUDENTS students within MARKS_WITHIN, each at their session's kiosk; one in twenty taps twice ---------
        RSAPrivateCrtKey key = privateKey(state.resolve("keys/launch/private.pem"));
        String kid = thumbprint(key);
        long firstStudent = 1_000_000L + ThreadLocalRandom.current().nextInt(1_000_000) * 10L;
        Map<String, long[]> cpuBefore = cpu(trafficPids);
        Instant marksStart = Instant.now();
        List<Thread> students = new ArrayList<>();
        AtomicInteger marked = new AtomicInteger(), already = new AtomicInteger(), failed = new AtomicInteger();
        for (int s = 0; s < STUDENTS; s++) {
            int k = s % KIOSKS;
            long student = firstStudent + s;
            long at = MARKS_WITHIN.toMillis() * s / STUDENTS;
            boolean twice = s % 20 == 7;
            students.add(Thread.ofVirtual().start(() -> {
                sleepUntil(marksStart.plusMillis(at));
                String token = launchToken(key, kid, student);
                String body = json("qr_token", qr(sessionId[k], sessionSecret[k]));
                for (int tap = 0; tap < (twice ? 2 : 1); tap++) {
                    Timed mark = timed("mark", () -> post("/api/traffic/sessions/" + sessionId[k] + "/marks", token, body));
                    if (mark.status == 201) {
                        marked.incrementAndGet();
                    } else if (mark.status == 200) {
                        already.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        System.err.println("mark " + mark.status + " " + mark.body);
                    }
                }
            }));
        }
        for (Thread t : students) {
            t.join();
        }
        Duration marksTook = Duration.between(marksStart, Instant.now());
        Map<String, long[]> cpuAfter = cpu(trafficPids);
        polling.set(false);
        for (Thread t : pollers) {
            t.join();
        }

        // --- nothing lost, nothing twice: the teachers' attendee lists add up to the students ---------------------------
        sleep(1000);
        long counted = 0;
        for (int k = 0; k < KIOSKS; k++) {
            counted += Long.parseLong(field(get("/api/traffic/sessions/" + sessionId[k] + "/attendees", teachers[k]).body(), "count"));
        }
        for (int k = 0; k < KIOSKS; k++) {
            post("/api/traffic/sessions/" + sessionId[k] + "/close", teachers[k], "{}");
        }

        StringBuilder out = new StringBuilder();
        out.append("## ").append(label).append("\n\n");
        out.append(String.format(Locale.ROOT, "%d kiosks polling every second; %d sessions opened within %d s; %d students marking within %d s "
                + "(one in twenty taps twice). Marks took %.1f s.%n%n", KIOSKS, KIOSKS, SESSIONS_WITHIN.toSeconds(), STUDENTS, MARKS_WITHIN.toSeconds(),
                marksTook.toMillis() / 1000.0));
        out.append(String.format(Locale.ROOT, "- marks: %d marked (201), %d already marked (200, the second taps: %d expected), %d failed%n", marked.get(),
                already.get(), STUDENTS / 20, failed.get()));
        out.append(String.format(Locale.ROOT, "- attendees counted by the teachers: %d of %d (lost: %d)%n%n", counted, STUDENTS, STUDENTS - counted));
        out.append("| step | requests | p50 ms | p99 ms | max ms | non-2xx |\n|---|---:|---:|---:|---:|---:|\n");
        for (String step : List.of("kiosk poll", "session open", "mark")) {
            List<Long> all = new ArrayList<>(LATENCY.getOrDefault(step, new ConcurrentLinkedQueue<>()));
            Collections.sort(all);
            out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %d |%n", step, all.size(), pct(all, 50), pct(all, 99),
                    all.isEmpty() ? 0 : all.get(all.size() - 1) / 1e6, STATUS.getOrDefault(step, new AtomicInteger()).get()));
        }
        out.append("\nCPU during the marks phase (from /proc, user + system), per mark request:\n\n| process | CPU s | ms per mark |\n|---|---:|---:|\n");
        int requests = marked.get() + already.get() + failed.get();
        for (String process : cpuAfter.keySet()) {
            double seconds = (cpuAfter.get(process)[0] - cpuBefore.getOrDefault(process, new long[1])[0]) / 100.0;
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", process, seconds, seconds * 1000 / requests));
        }
        out.append('\n');
        Files.writeString(report, out.toString(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        System.out.print(out);
        if (counted != STUDENTS || failed.get() > 0 || marked.get() != STUDENTS) {
            System.err.println("LOST OR DUPLICATED MARKS");
            System.exit(1);
        }
    }

    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1e6;
    }

    interface Call {
        HttpResponse<String> run() throws Exception;
    }

    static Timed timed(String step, Call call) {
        long began = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = call.run();
        } catch (Exception e) {
            STATUS.computeIfAbsent(step, s -> new AtomicInteger()).incrementAndGet();
            return new Timed(0, String.valueOf(e), System.nanoTime() - began);
        }
        long took = System.nanoTime() - began;
        LATENCY.computeIfAbsent(step, s -> new ConcurrentLinkedQueue<>()).add(took);
        if (response.statusCode() / 100 != 2) {
            STATUS.computeIfAbsent(step, s -> new AtomicInteger()).incrementAndGet();
        }
        return new Timed(response.statusCode(), response.body(), took);
    }

    static Timed check(Timed response, int status) {
        if (response.status != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.status + ": " + response.body);
        }
        return response;
    }

    static Timed check(HttpResponse<String> response, int status) {
        return check(new Timed(response.statusCode(), response.body(), 0), status);
    }

    static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null);
    }

    static HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        return send("POST", path, token, body);
    }

    static HttpResponse<String> send(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static long[] roomsOf11() throws Exception {
        Matcher ids = Pattern.compile("\"id\":(\\d+)").matcher(get("/api/schedule/buildings/11/rooms", null).body());
        List<Long> found = new ArrayList<>();
        while (ids.find()) {
            found.add(Long.parseLong(ids.group(1)));
        }
        return found.stream().mapToLong(Long::longValue).toArray();
    }

    /** A JSON object of alternating names and values (strings quoted and escaped, numbers as they are). */
    static String json(Object... pairs) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(i == 0 ? "" : ",").append('"').append(pairs[i]).append("\":");
            Object value = pairs[i + 1];
            out.append(value instanceof Number ? value.toString() : "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return out.append('}').toString();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(\"([^\"]*)\"|[-0-9.]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    static String qr(long session, String secretHex) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HexFormat.of().parseHex(secretHex), "HmacSHA256"));
            byte[] sum = mac.doFinal((session + "|" + Instant.now().getEpochSecond() / 10).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sum).substring(0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A launch token as main issues it (the runner's key): RS256, kid = RFC 7638 thumbprint, aud traffic, 15 minutes. */
    static String launchToken(RSAPrivateCrtKey key, String kid, long student) {
        try {
            long now = Instant.now().getEpochSecond();
            String header = b64(json("alg", "RS256", "typ", "JWT", "kid", kid).getBytes(StandardCharsets.UTF_8));
            String payload = b64(json("iss", "campus-main", "aud", "traffic", "sub", String.valueOf(student), "name", "Студент " + student,
                    "email", "s" + student + "@example.edu", "group", "5130904/10101", "iat", now, "exp", now + 900).getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAPrivateCrtKey privateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    static String thumbprint(RSAPrivateCrtKey key) throws Exception {
        String jwk = "{\"e\":\"" + b64(unsigned(key.getPublicExponent())) + "\",\"kty\":\"RSA\",\"n\":\"" + b64(unsigned(key.getModulus())) + "\"}";
        return b64(MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (var in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** CPU ticks (user + system) of traffic's instances, every nginx and every PostgreSQL process. */
    static Map<String, long[]> cpu(List<Long> trafficPids) throws IOException {
        Map<String, long[]> ticks = new java.util.TreeMap<>();
        for (long pid : trafficPids) {
            ticks.computeIfAbsent("traffic (" + trafficPids.size() + " instance" + (trafficPids.size() > 1 ? "s" : "") + ")", p -> new long[1])[0] += ticks(pid);
        }
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String comm = Files.readString(proc.resolve("comm")).strip();
                    if (comm.equals("nginx") || comm.equals("postgres")) {
                        ticks.computeIfAbsent(comm.equals("nginx") ? "gateway (nginx)" : "PostgreSQL (all processes)", p -> new long[1])[0] +=
                                ticks(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended
                }
            }
        }
        return ticks;
    }

    static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleepUntil(Instant when) {
        long wait = Duration.between(Instant.now(), when).toMillis();
        if (wait > 0) {
            sleep(wait);
        }
    }
}
