package edu.campus.main.cas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CasResponseTest {

    @Test
    void cas3SuccessWithMultiValuedAttributes() {
        CasResponse.Success ok = assertInstanceOf(CasResponse.Success.class, CasResponse.parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
                  <cas:authenticationSuccess>
                    <cas:user> anna@edu.example </cas:user>
                    <cas:attributes>
                      <cas:cn>Анна Петрова</cas:cn>
                      <cas:memberOf>students</cas:memberOf>
                      <cas:memberOf>library</cas:memberOf>
                    </cas:attributes>
                    <cas:proxyGrantingTicket>PGTIOU-1</cas:proxyGrantingTicket>
                  </cas:authenticationSuccess>
                </cas:serviceResponse>"""));
        assertEquals("anna@edu.example", ok.user());
        assertEquals(List.of("students", "library"), ok.attributes().get("memberOf"));
        assertEquals("Анна Петрова", ok.first("displayName", "CN"));
        var profile = CasLogin.profile(ok);
        assertEquals("anna@edu.example", profile.email());
        assertEquals("Анна Петрова", profile.fullName());
    }

    @Test
    void cas2SuccessHasNoAttributes() {
        CasResponse.Success ok = assertInstanceOf(CasResponse.Success.class, CasResponse.parse(
                "<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'><cas:authenticationSuccess><cas:user>u1</cas:user>"
                        + "</cas:authenticationSuccess></cas:serviceResponse>"));
        assertTrue(ok.attributes().isEmpty());
        assertNull(CasLogin.profile(ok).email()); // not an e-mail: not taken as one
    }

    @Test
    void failuresKeepTheirCode() {
        CasResponse.Failure failure = assertInstanceOf(CasResponse.Failure.class, CasResponse.parse(
                "<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'><cas:authenticationFailure code='INVALID_TICKET'>"
                        + "Ticket ST-1 not recognized</cas:authenticationFailure></cas:serviceResponse>"));
        assertEquals("cas_invalid_ticket", failure.errorCode());
        assertEquals("cas_unknown", new CasResponse.Failure("<script>", "").errorCode());
    }

    @Test
    void anythingElseIsMalformed() {
        for (String xml : new String[] { null, "", "<a/>", "<serviceResponse><authenticationSuccess><user>x</user></authenticationSuccess></serviceResponse>",
                "<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'><cas:authenticationSuccess><cas:user></cas:user></cas:authenticationSuccess></cas:serviceResponse>" }) {
            assertInstanceOf(CasResponse.Malformed.class, CasResponse.parse(xml), String.valueOf(xml));
        }
    }

    @Test
    void logoutRequestsNameTheirTicket() {
        assertEquals("ST-42", CasResponse.logoutTicket("<samlp:LogoutRequest xmlns:samlp='urn:oasis:names:tc:SAML:2.0:protocol'>"
                + "<samlp:SessionIndex> ST-42 </samlp:SessionIndex></samlp:LogoutRequest>"));
        assertNull(CasResponse.logoutTicket("<x/>"));
        assertNull(CasResponse.logoutTicket("<<<"));
        assertFalse(CasResponse.logoutTicket("<a><SessionIndex>ST-1</SessionIndex></a>") == null);
    }
}
