package edu.campus.services.file;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A stored file: {@code field} is the form's file field it answers (absent: an attachment); {@code content_type} is
 * what its content was recognised as; {@code sha256} in hex.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileView(long id, String field, String name, String contentType, long size, String sha256, OffsetDateTime createdAt) {
}
