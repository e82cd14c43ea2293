package edu.campus.common.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What every service's OpenAPI document says the same way: the bearer scheme ({@value #BEARER}), the error body
 * ({@code ErrorBody}), and on each operation the error answers it can give: 400 where it takes input, 401 and 403
 * where it needs a token (operations marked {@code @SecurityRequirement(name = "bearer")}), 500 everywhere.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiDefaults implements OASFilter {

    public static final String BEARER = "bearer";
    static final String ERROR = "ErrorBody";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An SSO access token (JWT), a service token, main's launch token for a student, or a kiosk's "
                        + "device secret, as each operation says"));
        components.addSchema(ERROR, OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("The one error body of the platform")
                .addProperty("error_code", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("snake_case, stable: what went wrong"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("for people"))
                .addProperty("details", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                        .description("facts for the caller, e.g. fields (validation), retry_after_seconds (429), upstream"))
                .required(List.of("error_code", "message", "details")));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            Map<PathItem.HttpMethod, Operation> operations = item.getOperations() == null ? Map.of() : item.getOperations();
            for (Operation operation : operations.values()) {
                describeErrors(operation, item);
            }
        }
    }

    private static void describeErrors(Operation operation, PathItem item) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        Map<String, String> errors = new LinkedHashMap<>();
        boolean input = operation.getRequestBody() != null || operation.getParameters() != null && !operation.getParameters().isEmpty()
                || item.getParameters() != null && !item.getParameters().isEmpty();
        if (input) {
            errors.put("400", "The input is not valid: validation_error (details.fields names each field or parameter) or bad_request");
        }
        boolean secured = operation.getSecurity() != null && operation.getSecurity().stream()
                .anyMatch(requirement -> requirement.hasScheme(BEARER));
        if (secured) {
            errors.put("401", "No token, or one that is not valid (unauthorized)");
            errors.put("403", "A valid token that does not allow this (forbidden)");
        }
        errors.put("500", "internal_error, with the request id in details");
        errors.forEach((status, description) -> {
            if (responses.getAPIResponse(status) == null) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                        .content(errorContent()));
            }
        });
    }

    private static Content errorContent() {
        MediaType json = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR));
        return OASFactory.createContent().addMediaType("application/json", json);
    }
}
