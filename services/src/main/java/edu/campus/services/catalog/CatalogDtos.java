package edu.campus.services.catalog;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Catalogue bodies (snake_case JSON). */
public final class CatalogDtos {

    private CatalogDtos() {
    }

    /** A service in a department's list. */
    @RegisterForReflection
    public record ServiceSummary(long id, String name, String description, boolean requiresFiles) {
    }

    /** A service with its form (students see only active services of active departments). */
    @RegisterForReflection // inside a generic type (list): not seen by the build
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceView(long id, long departmentId, String departmentName, String name, String description, FormSchema form,
            boolean requiresFiles, boolean active, int ordering, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /**
     * A new or changed service. The form is checked when saved (400 naming every problem by its path). {@code active}
     * defaults to true, {@code ordering} (ascending in the department's list) to 0.
     */
    public record ServiceInput(@NotBlank @Size(max = 200) String name, @Size(max = 4000) String description,
            @NotNull @Valid FormSchema form, Boolean requiresFiles, Boolean active, @Min(-100000) @Max(100000) Integer ordering) {
    }
}
