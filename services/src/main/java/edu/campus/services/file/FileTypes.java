package edu.campus.services.file;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a file really is, from its first bytes (magic numbers), and whether that matches its name: a {@code .pdf}
 * that is HTML is refused, whatever the browser said its type was. The content type we store and serve comes from
 * here, never from the client.
 */
public final class FileTypes {

    /** How many leading bytes {@link #sniff} reads. */
    public static final int HEAD = 16;

    public enum Kind {
        PDF("application/pdf"),
        PNG("image/png"),
        JPEG("image/jpeg"),
        WEBP("image/webp"),
        /** A ZIP container: docx, xlsx and odt are ZIP files. */
        ZIP(null),
        /** An OLE2 compound file: the old Word format. */
        OLE("application/msword");

        final String contentType;

        Kind(String contentType) {
            this.contentType = contentType;
        }
    }

    /** Extension → the kind its content must be, and the content type served. */
    private record Expected(Kind kind, String contentType) {
    }

    private static final Map<String, Expected> BY_EXTENSION = Map.of(
            "pdf", new Expected(Kind.PDF, Kind.PDF.contentType),
            "png", new Expected(Kind.PNG, Kind.PNG.contentType),
            "jpg", new Expected(Kind.JPEG, Kind.JPEG.contentType),
            "jpeg", new Expected(Kind.JPEG, Kind.JPEG.contentType),
            "webp", new Expected(Kind.WEBP, Kind.WEBP.contentType),
            "docx", new Expected(Kind.ZIP, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "xlsx", new Expected(Kind.ZIP, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "odt", new Expected(Kind.ZIP, "application/vnd.oasis.opendocument.text"),
            "doc", new Expected(Kind.OLE, Kind.OLE.contentType));

    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final byte[] JPEG = { (byte) 0xff, (byte) 0xd8, (byte) 0xff };
    private static final byte[] ZIP = { 'P', 'K', 3, 4 };
    private static final byte[] OLE = { (byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1 };

    private FileTypes() {
    }

    /** The extensions this class knows (an allow-list in configuration may name fewer). */
    public static boolean known(String extension) {
        return BY_EXTENSION.containsKey(extension);
    }

    /** The lower-case extension of a file name ("" when it has none). */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** What the leading bytes say the file is. */
    public static Optional<Kind> sniff(byte[] head) {
        if (startsWith(head, PNG)) {
            return Optional.of(Kind.PNG);
        }
        if (startsWith(head, JPEG)) {
            return Optional.of(Kind.JPEG);
        }
        if (head.length >= 12 && startsWith(head, "RIFF".getBytes(StandardCharsets.US_ASCII))
                && Arrays.equals(head, 8, 12, "WEBP".getBytes(StandardCharsets.US_ASCII), 0, 4)) {
            return Optional.of(Kind.WEBP);
        }
        if (startsWith(head, ZIP)) {
            return Optional.of(Kind.ZIP);
        }
        if (startsWith(head, OLE)) {
            return Optional.of(Kind.OLE);
        }
        // at the very start: readers accept junk before it, but a file that opens as HTML is not a PDF here
        if (startsWith(head, PDF)) {
            return Optional.of(Kind.PDF);
        }
        return Optional.empty();
    }

    /** The content type to store for a file of this name and these leading bytes, when they agree; empty when not. */
    public static Optional<String> contentType(String name, byte[] head) {
        Expected expected = BY_EXTENSION.get(extension(name));
        if (expected == null) {
            return Optional.empty();
        }
        return sniff(head).filter(kind -> kind == expected.kind()).map(kind -> expected.contentType());
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
