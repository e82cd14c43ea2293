package edu.campus.bot.support;

import static io.restassured.RestAssured.given;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import edu.campus.common.testing.TestDatabase;
import edu.campus.events.testing.TestBroker;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The bot's test base: its own database (emptied before each test), WireMock upstreams, the machine's RabbitMQ. */
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "bot_test"))
@WithTestResource(Upstreams.class)
@WithTestResource(TestBroker.class)
public abstract class BotTestBase {

    public static final String SECRET = "test-webhook-secret";

    @Inject
    protected Pool db;

    @BeforeEach
    void cleanSlate() {
        Upstreams.reset();
        TestBroker.mend();
        db.query("truncate updates, chats, inbox, deliveries restart identity").execute().await().indefinitely();
    }

    /** A private chat's text message from user {@code from} (chat id = user id, as Telegram has it). */
    public static Map<String, Object> message(long updateId, long from, String text) {
        return Map.of("update_id", updateId, "message", Map.of("message_id", updateId * 10, "date", 1_700_000_000,
                "from", Map.of("id", from, "is_bot", false, "first_name", "Ivan", "username", "tg" + from, "language_code", "ru"),
                "chat", Map.of("id", from, "type", "private", "first_name", "Ivan"), "text", text));
    }

    public static ValidatableResponse webhook(Object update) {
        return given().header("X-Telegram-Bot-Api-Secret-Token", SECRET).contentType(ContentType.JSON).body(update)
                .post("/api/bot/webhook").then();
    }

    /** Waits (up to 20 s) for a condition the service reaches asynchronously. */
    public static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    protected long count(String sql, Object... params) {
        return db.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }
}
