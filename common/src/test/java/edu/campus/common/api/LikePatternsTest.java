package edu.campus.common.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LikePatternsTest {

    @Test
    void patternCharactersMatchLiterally() {
        assertEquals("%50\\% off\\_now\\\\%", LikePatterns.containing("50% off_now\\"));
        assertEquals("ivanov.i\\_%", LikePatterns.startingWith("ivanov.i_"));
        assertEquals("%иванов%", LikePatterns.containing("иванов"));
    }
}
