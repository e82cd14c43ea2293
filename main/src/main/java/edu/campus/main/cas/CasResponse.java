package edu.campus.main.cas;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A CAS {@code serviceValidate} answer (CAS 2.0 and 3.0 alike, namespace {@code http://www.yale.edu/tp/cas}): success
 * with the user and its attributes (optional, possibly multi-valued), or a failure with its code. Parsed with StAX,
 * DTDs and external entities off; anything else is {@link Malformed}.
 */
public sealed interface CasResponse {

    String NS = "http://www.yale.edu/tp/cas";

    record Success(String user, Map<String, List<String>> attributes) implements CasResponse {

        /** The first value of the first attribute present among {@code names} (case-insensitive), or null. */
        public String first(String... names) {
            for (String name : names) {
                for (Map.Entry<String, List<String>> attribute : attributes.entrySet()) {
                    if (attribute.getKey().equalsIgnoreCase(name) && !attribute.getValue().isEmpty()) {
                        String value = attribute.getValue().get(0).strip();
                        if (!value.isEmpty()) {
                            return value;
                        }
                    }
                }
            }
            return null;
        }
    }

    /** {@code code}: INVALID_REQUEST, INVALID_TICKET_SPEC, UNAUTHORIZED_SERVICE_PROXY, INVALID_PROXY_CALLBACK, INVALID_TICKET, INVALID_SERVICE, INTERNAL_ERROR (or whatever CAS sent). */
    record Failure(String code, String description) implements CasResponse {

        /** The error code main gives the student: {@code cas_invalid_ticket}, ... */
        public String errorCode() {
            String plain = code == null || !code.matches("[A-Za-z_]{1,40}") ? "unknown" : code.toLowerCase(Locale.ROOT);
            return "cas_" + plain;
        }
    }

    record Malformed(String why) implements CasResponse {
    }

    static CasResponse parse(String xml) {
        if (xml == null || xml.isBlank()) {
            return new Malformed("empty answer");
        }
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
            try {
                return read(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            return new Malformed("not XML: " + e.getClass().getSimpleName());
        }
    }

    private static CasResponse read(XMLStreamReader reader) throws XMLStreamException {
        boolean inResponse = false;
        while (reader.hasNext()) {
            if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (!NS.equals(reader.getNamespaceURI())) {
                continue;
            }
            switch (reader.getLocalName()) {
                case "serviceResponse" -> inResponse = true;
                case "authenticationFailure" -> {
                    if (!inResponse) {
                        return new Malformed("no serviceResponse");
                    }
                    String code = reader.getAttributeValue(null, "code");
                    return new Failure(code == null ? "UNKNOWN" : code.strip(), reader.getElementText().strip());
                }
                case "authenticationSuccess" -> {
                    if (!inResponse) {
                        return new Malformed("no serviceResponse");
                    }
                    return success(reader);
                }
                default -> {
                }
            }
        }
        return new Malformed("neither authenticationSuccess nor authenticationFailure");
    }

    private static CasResponse success(XMLStreamReader reader) throws XMLStreamException {
        String user = null;
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        int depth = 1;
        boolean inAttributes = false;
        while (reader.hasNext() && depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (inAttributes && depth == 1) {
                    inAttributes = false;
                }
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            depth++;
            String name = reader.getLocalName();
            if (depth == 2 && "user".equals(name)) {
                user = reader.getElementText().strip();
                depth--;
            } else if (depth == 2 && "attributes".equals(name)) {
                inAttributes = true;
            } else if (inAttributes && depth == 3) {
                String value = reader.getElementText();
                depth--;
                attributes.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        if (user == null || user.isEmpty() || user.length() > 256) {
            return new Malformed("no cas:user");
        }
        return new Success(user, attributes);
    }

    /** The service ticket a SAML {@code LogoutRequest} (CAS single logout) names in {@code samlp:SessionIndex}, or null. */
    static String logoutTicket(String logoutRequest) {
        if (logoutRequest == null || logoutRequest.isBlank() || logoutRequest.length() > 16_384) {
            return null;
        }
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(logoutRequest));
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT && "SessionIndex".equals(reader.getLocalName())) {
                        String ticket = reader.getElementText().strip();
                        return ticket.isEmpty() ? null : ticket;
                    }
                }
                return null;
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            return null;
        }
    }
}
