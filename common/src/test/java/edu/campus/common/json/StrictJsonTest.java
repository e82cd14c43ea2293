package edu.campus.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

class StrictJsonTest {

    record Named(String name) {
    }

    private final ObjectMapper mapper = new ObjectMapper();

    {
        new StrictJson().customize(mapper);
    }

    @Test
    void textWithANulCharacterIsRefusedOtherTextIsTakenAsWritten() throws Exception {
        assertEquals("Ёлкин 😀", mapper.readValue("{\"name\":\"Ёлкин 😀\"}", Named.class).name());
        InvalidFormatException nul = assertThrows(InvalidFormatException.class, () -> mapper.readValue("{\"name\":\"a\\u0000b\"}", Named.class));
        assertEquals("name", nul.getPath().get(0).getFieldName());
        // the other strict rules still hold for text
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"name\":12}", Named.class));
    }
}
