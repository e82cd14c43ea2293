package edu.campus.services.department;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import edu.campus.services.catalog.CatalogDtos.ServiceSummary;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Department bodies (snake_case JSON). */
public final class DepartmentDtos {

    private DepartmentDtos() {
    }

    @RegisterForReflection // inside a generic type (page): not seen by the build
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DepartmentView(long id, String name, String description, String contact, boolean active, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
    }

    /** A department as students see it: with its active services, in the department's order. */
    public record DepartmentCatalog(long id, String name, String description, String contact, List<ServiceSummary> services) {
    }

    /** A new or changed department ({@code active} defaults to true; an inactive one is hidden from students). */
    public record DepartmentInput(@NotBlank @Size(max = 200) String name, @Size(max = 4000) String description,
            @Size(max = 500) String contact, Boolean active) {
    }
}
