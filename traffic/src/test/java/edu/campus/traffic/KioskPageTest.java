package edu.campus.traffic;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The kiosk's display page in a real browser (headless Chromium, Debian's {@code chromium}) against this traffic: the
 * unregistered screen shows the registration PIN, the bound one the room and display PIN, and during a session the
 * screenshot's QR code decodes ({@code zbarimg}, Debian's {@code zbar-tools}) to a token the marks endpoint accepts;
 * one window later the screen shows another token. Screenshots go to {@code target/kiosk-screens/}. CI installs both
 * tools; without them (a developer's machine) the test is skipped and says why.
 */
@QuarkusTest
class KioskPageTest extends TrafficTestBase {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path ZBARIMG = Path.of("/usr/bin/zbarimg");
    static final Path SCREENS = Path.of("target/kiosk-screens");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theKioskDrawsItsThreeScreensAndAQrCodeThatMarks() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(ZBARIMG),
                "needs chromium and zbar-tools (apt-get install chromium zbar-tools; .ci/run installs them)");
        Files.createDirectories(SCREENS);
        Path profile = Files.createTempDirectory("kiosk-profile"); // the tablet's browser: its storage keeps the device secret
        String page = "http://localhost:" + RestAssured.port + "/kiosk/";

        // 1. first visit: the page initialises the kiosk and shows its registration PIN
        String dom = browser(profile, page, "--dump-dom");
        var kiosk = db.query("select id, registration_pin, display_pin from kiosks order by id desc limit 1").execute().await().indefinitely()
                .iterator().next();
        assertTrue(dom.contains(">" + kiosk.getString("registration_pin") + "<"), "the registration PIN on screen");
        screenshot(profile, page, "unregistered.png");

        // 2. an admin binds it: building, room and the display PIN for teachers
        long room = random();
        stubRooms(BUILDING, room, "101");
        as(adminToken()).body(Map.of("building_id", BUILDING, "room_id", room)).put("/api/traffic/admin/kiosks/" + kiosk.getLong("id") + "/room")
                .then().statusCode(200);
        dom = browser(profile, page, "--dump-dom");
        assertTrue(dom.contains("data-state=\"idle\""), "idle screen");
        assertTrue(dom.contains(">" + kiosk.getString("display_pin") + "<") && dom.contains("ауд. 101"), "display PIN and room on screen");
        screenshot(profile, page, "idle.png");

        // 3. a teacher opens a session: the QR in the screenshot is a token the marks endpoint takes
        long teacher = insertTeacher("Иванов Иван Иванович", null);
        long session = as(teacherToken(teacher)).body(Map.of("display_pin", kiosk.getString("display_pin"), "discipline", "Физика"))
                .post("/api/traffic/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
        JsonNode first = scan(screenshot(profile, page, "active.png"));
        assertEquals(session, first.get("s").asLong());
        long student = random();
        as(studentToken(student)).body(Map.of("qr_token", first.get("t").asText())).post("/api/traffic/sessions/" + session + "/marks")
                .then().statusCode(201).body("status", equalTo("marked"));
        assertEquals(1L, db.preparedQuery("select count(*) from marks where session_id = $1 and student_id = $2")
                .execute(Tuple.of(session, student)).await().indefinitely().iterator().next().getLong(0));

        // 4. one window later (10 s) the code has changed (the count follows within traffic.kiosk.state-ttl, 30 s in tests)
        Thread.sleep(10_000);
        JsonNode next = scan(screenshot(profile, page, "active-next-window.png"));
        assertEquals(session, next.get("s").asLong());
        assertNotEquals(first.get("t").asText(), next.get("t").asText());

        // 5. the kiosk is deleted: its secret opens nothing any more, so the page registers anew and says why
        as(adminToken()).delete("/api/traffic/admin/kiosks/" + kiosk.getLong("id")).then().statusCode(204);
        dom = browser(profile, page, "--dump-dom");
        String pin = db.query("select registration_pin from kiosks order by id desc limit 1").execute().await().indefinitely()
                .iterator().next().getString(0);
        assertTrue(dom.contains("data-state=\"unregistered\"") && dom.contains(">" + pin + "<"), "registered anew: " + pin);
        assertTrue(dom.contains("Киоск удалён администратором"), "the page says why");
    }

    /** A screenshot of the page as it is now; waits out the last seconds of a QR window (the browser's clock runs ahead a little). */
    private Path screenshot(Path profile, String page, String name) throws Exception {
        long second = Instant.now().getEpochSecond() % 10;
        if (second >= 6) {
            Thread.sleep((10 - second) * 1000 + 300);
        }
        Path file = SCREENS.resolve(name).toAbsolutePath();
        Files.deleteIfExists(file);
        browser(profile, page, "--screenshot=" + file);
        assertTrue(Files.size(file) > 1000, "a screenshot was written");
        return file;
    }

    private static String browser(Path profile, String page, String what) throws Exception {
        Path out = Files.createTempFile("chromium", ".out");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--window-size=1280,800", "--virtual-time-budget=3000", what, page)
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(chromium.waitFor(60, TimeUnit.SECONDS), "chromium finished");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return text;
    }

    /** The QR code in an image, as JSON. */
    private static JsonNode scan(Path image) throws IOException, InterruptedException {
        // stderr (zbar's D-Bus chatter in a container) is not the answer
        Process zbar = new ProcessBuilder(ZBARIMG.toString(), "--raw", "-q", image.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(zbar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(zbar.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, zbar.exitValue(), "a QR code in " + image + ": " + text);
        List<String> lines = text.lines().toList();
        assertEquals(1, lines.size(), text);
        return JSON.readTree(lines.get(0));
    }
}
