package edu.campus.services.file;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.RestMulti;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * A stored file as an HTTP answer, streamed piece by piece from PostgreSQL (memory per download: one piece). Always
 * an attachment with the content type we recognised and {@code nosniff}: a browser never renders an upload as a page.
 * Access is checked before the first byte (the {@code meta} fails with 404 instead).
 */
@ApplicationScoped
public class Downloads {

    private final FileStore store;

    Downloads(FileStore store) {
        this.store = store;
    }

    public RestMulti<Buffer> stream(Uni<FileStore.Meta> meta) {
        return RestMulti.fromUniResponse(meta,
                m -> Multi.createFrom().range(0, m.chunks()).onItem().transformToUniAndConcatenate(seq -> store.piece(m.id(), seq)),
                Downloads::headers);
    }

    private static Map<String, List<String>> headers(FileStore.Meta meta) {
        return Map.of("Content-Type", List.of(meta.contentType()),
                "Content-Length", List.of(Long.toString(meta.size())),
                "Content-Disposition", List.of(disposition(meta.name())),
                "X-Content-Type-Options", List.of("nosniff"),
                "Cache-Control", List.of("private, no-store"));
    }

    /** {@code attachment; filename="ascii"; filename*=UTF-8''percent-encoded} (RFC 6266): any name, safely. */
    static String disposition(String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
