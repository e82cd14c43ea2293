package edu.campus.main.telegram;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import edu.campus.common.launch.RequireStudent;
import edu.campus.common.launch.Student;
import edu.campus.main.student.StudentDtos.TelegramView;
import io.smallrye.mutiny.Uni;

@Path("/api/main/me/telegram")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "telegram")
public class TelegramResource {

    public record InitData(@NotBlank @Size(max = 8192) String initData) {
    }

    private final StudentTelegram telegram;
    private final Student caller;

    TelegramResource(StudentTelegram telegram, Student caller) {
        this.telegram = telegram;
        this.caller = caller;
    }

    @POST
    @RequireStudent
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Link the signed-in student's Telegram account (one Telegram account per student)")
    @APIResponse(responseCode = "200", description = "the link", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TelegramView.class)))
    @APIResponse(responseCode = "409", description = "that Telegram account is linked to another student")
    public Uni<TelegramView> link(@Valid @NotNull InitData body) {
        return telegram.link(caller.get().studentId(), body.initData());
    }

    @POST
    @Path("/link-code")
    @Consumes(MediaType.WILDCARD) // no body: no content type required
    @RequireStudent
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Link from Telegram instead: a one-time code and the bot's deep link (t.me/<bot>?start=<code>)")
    @APIResponse(responseCode = "200", description = "the code", content = @Content(mediaType = "application/json", schema = @Schema(implementation = StudentTelegram.LinkCode.class)))
    public Uni<StudentTelegram.LinkCode> linkCode() {
        return telegram.newCode(caller.get().studentId());
    }

    @DELETE
    @RequireStudent
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Unlink the signed-in student's Telegram account")
    @APIResponse(responseCode = "204", description = "unlinked (also when nothing was linked)")
    public Uni<Response> unlink() {
        return telegram.unlink(caller.get().studentId()).replaceWith(Response.noContent().build());
    }
}
