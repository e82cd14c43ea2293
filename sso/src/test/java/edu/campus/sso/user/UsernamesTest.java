package edu.campus.sso.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UsernamesTest {

    @Test
    void surnameDotInitialsTransliterated() {
        assertEquals("larionenko.aa", Usernames.fromFullName("Ларионенко Артём Александрович"));
        assertEquals("shchukin.ey", Usernames.fromFullName("  Щукин   Эдуард Юрьевич "));
        assertEquals("zhuk.k", Usernames.fromFullName("Жук Ксения"));
        assertEquals("elkin", Usernames.fromFullName("Ёлкин"));
        assertEquals("smith.j", Usernames.fromFullName("Smith John"));
        assertEquals("user", Usernames.fromFullName("   "));
        assertEquals("user", Usernames.fromFullName("Ъ"));
    }
}
