package edu.campus.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnicodeBlankTest {

    @Test
    void whiteSpaceOfAnyKindIsBlank() {
        assertFalse(UnicodeBlank.hasText(null));
        assertFalse(UnicodeBlank.hasText(""));
        assertFalse(UnicodeBlank.hasText(" \t\n"));
        assertFalse(UnicodeBlank.hasText("\u00a0\u00a0")); // no-break spaces
        assertFalse(UnicodeBlank.hasText("\u3000\u2003")); // ideographic and em spaces
        assertFalse(UnicodeBlank.hasText("\u200b\ufeff")); // zero-width space, BOM
        assertTrue(UnicodeBlank.hasText("\u00a0Иван\u00a0"));
        assertTrue(UnicodeBlank.hasText("x"));
    }

    @Test
    void stripRemovesTheSameKindsAtBothEndsOnly() {
        assertEquals("Иван Иванов", UnicodeBlank.strip("\u00a0 Иван Иванов\u200b\t"));
        assertEquals("", UnicodeBlank.strip(" \u3000 "));
        assertEquals("a\u00a0b", UnicodeBlank.strip("a\u00a0b"));
        assertNull(UnicodeBlank.strip(null));
    }
}
