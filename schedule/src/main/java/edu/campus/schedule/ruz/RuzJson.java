package edu.campus.schedule.ruz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one reader of RUZ bodies: the tree model only (native-friendly, no reflection), shared by the gateway, errors and normalizer. */
final class RuzJson {

    private static final ObjectMapper READER = new ObjectMapper();

    private RuzJson() {
    }

    static JsonNode tree(String body) throws JsonProcessingException {
        return READER.readTree(body);
    }
}
