package edu.campus.sso.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import edu.campus.common.auth.Caller;
import edu.campus.common.auth.RequireUser;
import edu.campus.common.api.Page;
import edu.campus.common.api.PageParams;
import edu.campus.common.sso.SsoModel.Invitation;
import edu.campus.sso.audit.AuditLog;
import edu.campus.sso.invitation.Invitations;
import edu.campus.sso.user.UserDtos.CreateUser;
import edu.campus.sso.user.UserDtos.LinkTelegram;
import edu.campus.sso.user.UserDtos.PatchUser;
import edu.campus.sso.user.UserDtos.UserView;
import edu.campus.sso.user.UserDtos.UsernameCheck;
import io.smallrye.mutiny.Uni;

/** The admin API: admins of app sso only (verified locally like any other service, through the JWKS). */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "users")
@RequireUser(app = "sso", roles = "admin")
public class UserResource {

    private final UserAdmin users;
    private final AuditLog audit;
    private final Caller caller;
    private final Invitations invitations;

    UserResource(UserAdmin users, AuditLog audit, Caller caller, Invitations invitations) {
        this.invitations = invitations;
        this.users = users;
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Users, filtered by app, role and text (username or name), paged")
    public Uni<Page<UserView>> list(@RestQuery User.App app, @RestQuery User.Role role, @RestQuery("q") String text,
            @Valid @BeanParam PageParams paging) {
        return users.list(app, role, text, paging.page(), paging.size());
    }

    @GET
    @Path("/check-username")
    public Uni<UsernameCheck> checkUsername(@RestQuery @NotBlank String username) {
        return users.checkUsername(username.trim());
    }

    @GET
    @Path("/by-telegram/{telegram_id}")
    public Uni<UserView> byTelegram(@RestPath("telegram_id") long telegramId) {
        return users.byTelegram(telegramId);
    }

    @GET
    @Path("/by-ruz-teacher/{ruz_teacher_id}")
    public Uni<UserView> byRuzTeacher(@RestPath("ruz_teacher_id") long ruzTeacherId,
            @RestQuery User.App app) {
        return users.byRuzTeacher(ruzTeacherId, app);
    }

    @GET
    @Path("/audit")
    @Operation(summary = "The audit log, newest first")
    public Uni<Page<AuditLog.Entry>> audit(@RestQuery String actor, @RestQuery String action,
            @Valid @BeanParam PageParams paging) {
        return audit.page(actor, action, paging.page(), paging.size());
    }

    @GET
    @Path("/{id}")
    public Uni<UserView> get(@RestPath long id) {
        return users.get(id);
    }

    @POST
    @Operation(summary = "Create a user; the username is generated from the full name when not given")
    @APIResponse(responseCode = "201", description = "the user", content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "409", description = "the username, the RUZ teacher id or the entity is taken (details.field)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "422", description = "entity_id_required: a traffic teacher needs its entity", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<Response> create(@Valid @NotNull CreateUser body) {
        return users.create(body, actor()).map(user -> Response.status(201).entity(user).build());
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change name, password (reset), activity, role, entity or RUZ id; deactivation ends sign-ins")
    public Uni<UserView> patch(@RestPath long id, @Valid @NotNull PatchUser body) {
        return users.patch(id, body, actor());
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@RestPath long id) {
        return users.delete(id, actor()).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{id}/telegram")
    public Uni<UserView> linkTelegram(@RestPath long id, @Valid @NotNull LinkTelegram body) {
        return users.linkTelegram(id, body, actor());
    }

    @DELETE
    @Path("/{id}/telegram")
    public Uni<Response> unlinkTelegram(@RestPath long id) {
        return users.unlinkTelegram(id, actor()).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{id}/invitation")
    @Operation(summary = "Issue a new one-time invitation (the earlier ones stop working); the person sets a new password with it")
    public Uni<Invitation> invite(@RestPath long id) {
        return invitations.reissue(id, actor());
    }

    private String actor() {
        return "user:" + caller.get().userId();
    }
}
