package edu.campus.services.file;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import edu.campus.common.error.ApiException;
import edu.campus.services.ServicesConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.file.OpenOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.file.AsyncFile;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Uploaded files, from the temporary file the server wrote them to into PostgreSQL. {@link #check} applies the limits
 * (count, each file's size, the total) and the type rules (an allowed extension whose content, read from its first
 * bytes, is what the extension says) before anything is written; {@link #store} then copies each file in pieces of
 * {@value #PIECE} bytes inside the caller's transaction, computing its SHA-256 on the way. Memory per upload stays at
 * one piece, whatever the file's size.
 */
@ApplicationScoped
public class Uploads {

    static final int PIECE = 256 * 1024;

    /** A file that passed every check: which part it came in, its clean name, what it is. */
    public record Checked(String part, String name, String contentType, long size, Path path) {
    }

    private final Vertx vertx;
    private final FileStore store;
    private final ServicesConfig.Files limits;
    private final Set<String> allowed;

    Uploads(Vertx vertx, FileStore store, ServicesConfig config) {
        this.vertx = vertx;
        this.store = store;
        this.limits = config.files();
        this.allowed = limits.allowedExtensions().stream().map(e -> e.strip().toLowerCase(Locale.ROOT)).filter(FileTypes::known)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** How many files came in each part (what the form checks file fields against). */
    public static Map<String, Integer> countByPart(List<FileUpload> uploads) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        uploads.forEach(upload -> counts.merge(upload.name(), 1, Integer::sum));
        return counts;
    }

    /** The uploads, checked; refused with 400 (count), 413 (size) or 415 (type) naming the file. */
    public Uni<List<Checked>> check(List<FileUpload> uploads) {
        if (uploads.size() > limits.maxCount()) {
            return Uni.createFrom().failure(new ApiException(400, "too_many_files", "at most " + limits.maxCount() + " files at once",
                    Map.of("max_files", limits.maxCount(), "files", uploads.size())));
        }
        long total = 0;
        for (FileUpload upload : uploads) {
            total += upload.size();
            if (upload.size() > limits.maxFileBytes()) {
                return Uni.createFrom().failure(new ApiException(413, "file_too_large", "a file is larger than allowed",
                        Map.of("file", cleanName(upload.fileName()), "max_bytes", limits.maxFileBytes())));
            }
            if (upload.size() == 0) {
                return Uni.createFrom().failure(ApiException.validation(upload.name(), "the file " + cleanName(upload.fileName()) + " is empty"));
            }
        }
        if (total > limits.maxTotalBytes()) {
            return Uni.createFrom().failure(new ApiException(413, "files_too_large", "the files together are larger than allowed",
                    Map.of("max_total_bytes", limits.maxTotalBytes())));
        }
        return Multi.createFrom().iterable(uploads).onItem().transformToUniAndConcatenate(this::checkOne).collect().asList();
    }

    private Uni<Checked> checkOne(FileUpload upload) {
        String name = cleanName(upload.fileName());
        String extension = FileTypes.extension(name);
        if (!allowed.contains(extension)) {
            return Uni.createFrom().failure(new ApiException(415, "file_type_not_allowed", "this kind of file is not accepted",
                    Map.of("file", name, "allowed", allowed.stream().sorted().toList())));
        }
        return head(upload.uploadedFile()).map(head -> FileTypes.contentType(name, head).map(
                type -> new Checked(upload.name(), name, type, upload.size(), upload.uploadedFile()))
                .orElseThrow(() -> new ApiException(415, "file_content_mismatch",
                        "the file's content is not what its name says (." + extension + ")", Map.of("file", name))));
    }

    /** Copies the checked files into PostgreSQL inside {@code tx}, for an application (and a reply, when not null). */
    public Uni<Void> store(SqlClient tx, long applicationId, Long replyId, List<Checked> files, Set<String> fileFields) {
        return Multi.createFrom().iterable(files).onItem().transformToUniAndConcatenate(file -> store
                .insert(tx, applicationId, replyId, fileFields.contains(file.part()) ? file.part() : null, file.name(), file.contentType(),
                        file.size())
                .flatMap(id -> copy(tx, id, file.path()))).collect().last().replaceWithVoid();
    }

    private Uni<Void> copy(SqlClient tx, long fileId, Path path) {
        return vertx.fileSystem().open(path.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
                .flatMap(file -> {
                    file.setReadBufferSize(PIECE);
                    MessageDigest sha = sha256();
                    AtomicInteger seq = new AtomicInteger();
                    AtomicLong size = new AtomicLong();
                    return file.toMulti().onItem().transformToUniAndConcatenate(piece -> {
                        byte[] bytes = piece.getBytes();
                        sha.update(bytes);
                        size.addAndGet(bytes.length);
                        return store.chunk(tx, fileId, seq.getAndIncrement(), piece.getDelegate());
                    }).collect().last()
                            .flatMap(done -> store.finish(tx, fileId, size.get(), sha.digest()))
                            .eventually(() -> closeQuietly(file));
                });
    }

    private Uni<byte[]> head(Path path) {
        return vertx.fileSystem().open(path.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
                .flatMap(file -> file.read(Buffer.buffer(FileTypes.HEAD), 0, 0, FileTypes.HEAD).map(Buffer::getBytes)
                        .eventually(() -> closeQuietly(file)));
    }

    private static Uni<Void> closeQuietly(AsyncFile file) {
        return file.close().onFailure().recoverWithNull();
    }

    /** The last path segment, without control characters, at most 200 characters; "file" when nothing is left. */
    static String cleanName(String name) {
        if (name == null) {
            return "file";
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder(last.length());
        last.codePoints().filter(c -> !Character.isISOControl(c) && c != '"').forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        if (result.length() > 200) {
            String extension = FileTypes.extension(result);
            result = result.substring(0, 200 - extension.length() - 1) + "." + extension;
        }
        return result.isEmpty() || result.equals(".") || result.equals("..") ? "file" : result;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
