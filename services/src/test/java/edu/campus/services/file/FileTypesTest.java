package edu.campus.services.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FileTypesTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void contentDecidesAndMustAgreeWithTheName() {
        byte[] pdf = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        byte[] png = bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0);
        byte[] jpeg = bytes(0xff, 0xd8, 0xff, 0xe0);
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);
        byte[] zip = bytes('P', 'K', 3, 4, 20);
        byte[] ole = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
        byte[] html = "<!DOCTYPE html><html>%PDF-".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Optional.of("application/pdf"), FileTypes.contentType("a.PDF", pdf));
        assertEquals(Optional.of("image/png"), FileTypes.contentType("a.png", png));
        assertEquals(Optional.of("image/jpeg"), FileTypes.contentType("a.jpg", jpeg));
        assertEquals(Optional.of("image/jpeg"), FileTypes.contentType("a.jpeg", jpeg));
        assertEquals(Optional.of("image/webp"), FileTypes.contentType("a.webp", webp));
        assertEquals(Optional.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                FileTypes.contentType("a.docx", zip));
        assertEquals(Optional.of("application/msword"), FileTypes.contentType("a.doc", ole));
        assertEquals(Optional.empty(), FileTypes.contentType("a.pdf", html), "HTML named .pdf");
        assertEquals(Optional.empty(), FileTypes.contentType("a.pdf", png), "a PNG named .pdf");
        assertEquals(Optional.empty(), FileTypes.contentType("a.exe", bytes('M', 'Z')), "an unknown extension");
        assertEquals(Optional.empty(), FileTypes.contentType("noextension", pdf));
        assertEquals(Optional.empty(), FileTypes.contentType("a.pdf", new byte[0]));
        assertEquals("", FileTypes.extension("name."));
    }

    @Test
    void namesAreCleanedAndDispositionsSafe() {
        assertEquals("passport.pdf", Uploads.cleanName("C:\\Users\\me\\passport.pdf"));
        assertEquals("evil.pdf", Uploads.cleanName("../../etc/evil.pdf"));
        assertEquals("ab.pdf", Uploads.cleanName("a\"b\u0000.pdf"));
        assertEquals("file", Uploads.cleanName(".."));
        assertEquals("file", Uploads.cleanName(null));
        String longName = Uploads.cleanName("x".repeat(300) + ".pdf");
        assertEquals(200, longName.length());
        assertEquals("attachment; filename=\"____.pdf\"; filename*=UTF-8''%D1%81%D0%BA%D0%B0%D0%BD.pdf", Downloads.disposition("скан.pdf"));
        assertEquals("attachment; filename=\"a b_.pdf\"; filename*=UTF-8''a%20b%22.pdf", Downloads.disposition("a b\".pdf"));
    }
}
