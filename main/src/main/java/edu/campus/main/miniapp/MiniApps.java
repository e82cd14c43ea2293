package edu.campus.main.miniapp;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.error.ApiException;
import edu.campus.main.MainConfig;
import edu.campus.main.MainMetrics;
import edu.campus.main.keys.LaunchKeys;
import edu.campus.main.student.Students;
import io.smallrye.mutiny.Uni;

/**
 * The mini apps students launch (configuration: {@code main.miniapps.<id>.*}) and their launch tokens: RS256 under
 * main's key, {@code iss} campus-main, {@code aud} the app's id, {@code sub} the student, with name, e-mail and group,
 * living {@code MAIN_LAUNCH_TOKEN_TTL} (at most 15 minutes).
 */
@ApplicationScoped
public class MiniApps {

    static final Duration MAX_TTL = Duration.ofMinutes(15);

    public record MiniApp(String id, String name, String description, String icon, String url, String color) {
    }

    public record Launch(String launchToken, String tokenType, long expiresIn, String app, String url) {
    }

    private final List<MiniApp> apps;
    private final LaunchKeys keys;
    private final Students students;
    private final Duration ttl;

    private final MainMetrics metrics;

    MiniApps(MainConfig config, LaunchKeys keys, Students students, MainMetrics metrics) {
        this.metrics = metrics;
        this.keys = keys;
        this.students = students;
        this.ttl = config.launch().ttl();
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalStateException("MAIN_LAUNCH_TOKEN_TTL must be between 1 s and 15 min, not " + ttl);
        }
        if (config.miniapps().containsKey(LaunchKeys.MAIN_AUDIENCE)) {
            throw new IllegalStateException("a mini app cannot be called \"main\": that audience is main's own sessions");
        }
        this.apps = config.miniapps().entrySet().stream()
                .map(e -> new MiniApp(e.getKey(), e.getValue().name(), e.getValue().description(), e.getValue().icon(), e.getValue().url(),
                        e.getValue().color()))
                .sorted(Comparator.comparing(MiniApp::id))
                .toList();
    }

    public List<MiniApp> all() {
        return apps;
    }

    /** A launch token for the app; 404 for an app main does not know (main's own audience included). */
    public Uni<Launch> launch(long studentId, String appId) {
        MiniApp app = apps.stream().filter(a -> a.id().equals(appId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("mini app", appId));
        return students.existing(studentId).invoke(() -> metrics.launchToken(app.id())).map(student -> new Launch(
                keys.sign(app.id(), student.id(), student.displayName(), student.email(), student.groupName(), Instant.now(), ttl),
                "Bearer", ttl.toSeconds(), app.id(), app.url()));
    }

}
