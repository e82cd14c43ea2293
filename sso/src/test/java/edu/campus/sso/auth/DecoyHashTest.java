package edu.campus.sso.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.elytron.security.common.BcryptUtil;

class DecoyHashTest {

    @Test
    void oneBcryptHashAtTheConfiguredCostPerProcessOfASecretNobodyKnows() {
        DecoyHash decoy = new DecoyHash(5);
        String hash = decoy.get();
        assertTrue(hash.matches("\\$2[aby]?\\$05\\$.{53}"), hash);
        assertSame(hash, decoy.get(), "made once");
        assertNotEquals(hash, new DecoyHash(5).get(), "a random secret each process");
        assertFalse(BcryptUtil.matches("campus-dummy-password", hash));
        assertFalse(BcryptUtil.matches("", hash));
        assertEquals(60, hash.length());
    }
}
