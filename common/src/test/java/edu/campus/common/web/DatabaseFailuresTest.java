package edu.campus.common.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.core.VertxException;

class DatabaseFailuresTest {

    @Test
    void anUnreachableDatabaseOrAPoolThatGaveUpIsUnavailableWhateverWrapsIt() {
        assertTrue(DatabaseFailures.unavailable(new ConnectException("Connection refused")));
        assertTrue(DatabaseFailures.unavailable(new CompletionException(new RuntimeException(new ConnectException("refused")))));
        assertTrue(DatabaseFailures.unavailable(new VertxException("Timeout waiting for connection", true)));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(DatabaseFailures.unavailable(new IllegalStateException("a bug")));
        assertFalse(DatabaseFailures.unavailable(new VertxException("something else", true)));
        assertFalse(DatabaseFailures.unavailable(new RuntimeException((String) null)));
    }
}
