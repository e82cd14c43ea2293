package edu.campus.main.telegram;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import edu.campus.common.auth.RequireScope;
import edu.campus.common.error.ApiException;
import edu.campus.main.student.StudentDtos.TelegramView;
import io.smallrye.mutiny.Uni;

/**
 * What the bot asks main about students' Telegram links, with its SSO service token: the account to notify
 * (scope {@code telegram:notify}) and a Telegram account's /unlink (scope {@code telegram:link}). Internal: the gateway
 * does not route {@code /api/main/internal}.
 */
@Path("/api/main/internal/telegram")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "internal")
public class BotResource {

    public record UnlinkRequest(@NotNull @Positive Long telegramId) {
    }

    public record Unlinked(boolean unlinked) {
    }

    public record LinkRequest(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 64) String code,
            @NotNull @Positive Long telegramId, @jakarta.validation.constraints.Size(max = 64) String telegramUsername) {
    }

    private final TelegramLinkStore links;
    private final StudentTelegram telegram;

    BotResource(TelegramLinkStore links, StudentTelegram telegram) {
        this.links = links;
        this.telegram = telegram;
    }

    @POST
    @Path("/link")
    @RequireScope("telegram:link")
    @Operation(summary = "For the bot: complete a student's link with the code from /start (404 link_code_invalid, 409 telegram_linked_elsewhere)")
    public Uni<TelegramView> link(@Valid @NotNull LinkRequest body) {
        return telegram.complete(body.code(), body.telegramId(), body.telegramUsername());
    }

    @GET
    @Path("/students/{student_id}")
    @RequireScope("telegram:notify")
    @Operation(summary = "For the bot: the Telegram account linked to a student (404 telegram_not_linked: none)")
    @APIResponse(responseCode = "200", description = "the link", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TelegramView.class)))
    @APIResponse(responseCode = "404", description = "the student has no Telegram link")
    public Uni<TelegramView> ofStudent(@RestPath("student_id") long studentId) {
        return links.ofStudent(studentId).map(view -> {
            if (view == null) {
                throw new ApiException(404, "telegram_not_linked", "this student has not linked Telegram", Map.of("student_id", studentId));
            }
            return view;
        });
    }

    @POST
    @Path("/unlink")
    @RequireScope("telegram:link")
    @Operation(summary = "For the bot: a Telegram account's /unlink; idempotent (unlinked false: no student had it)")
    public Uni<Unlinked> unlink(@Valid @NotNull UnlinkRequest body) {
        return links.unlinkTelegram(body.telegramId()).map(Unlinked::new);
    }
}
