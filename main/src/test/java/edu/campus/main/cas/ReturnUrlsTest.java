package edu.campus.main.cas;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReturnUrlsTest {

    private final ReturnUrls urls = new ReturnUrls(List.of("https://campus.example.edu/app", "http://localhost:8080/"));

    @Test
    void prefixesMatchByOriginAndPathSegments() {
        assertTrue(urls.allowed("https://campus.example.edu/app"));
        assertTrue(urls.allowed("https://campus.example.edu/app/after?x=1"));
        assertTrue(urls.allowed("https://CAMPUS.example.edu:443/app/"));
        assertTrue(urls.allowed("http://localhost:8080/anything"));
        assertFalse(urls.allowed("https://campus.example.edu/application")); // a prefix of the path string, not of its segments
        assertFalse(urls.allowed("https://campus.example.edu/"));
        assertFalse(urls.allowed("http://campus.example.edu/app"));
        assertFalse(urls.allowed("https://campus.example.edu.evil/app"));
        assertFalse(urls.allowed("https://campus.example.edu@evil.example/app"));
        assertFalse(urls.allowed("http://localhost:8081/"));
        assertFalse(urls.allowed("https://campus.example.edu/app/../admin"));
        assertFalse(urls.allowed("https://campus.example.edu/app#x"));
        assertFalse(urls.allowed(null));
        assertFalse(urls.allowed("https://campus.example.edu/app/" + "x".repeat(3000)));
        assertThrows(IllegalStateException.class, () -> new ReturnUrls(List.of("/relative")));
    }
}
