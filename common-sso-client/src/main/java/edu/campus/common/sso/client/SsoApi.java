package edu.campus.common.sso.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import edu.campus.common.sso.SsoModel.AccountUpsert;
import edu.campus.common.sso.SsoModel.BatchResponse;
import edu.campus.common.sso.SsoModel.ClientCredentials;
import edu.campus.common.sso.SsoModel.EntityRef;
import edu.campus.common.sso.SsoModel.ProvisionedAccount;
import edu.campus.common.sso.SsoModel.ServiceToken;
import edu.campus.common.sso.SsoModel.TeacherBatch;
import edu.campus.common.sso.SsoModel.TelegramLink;
import edu.campus.common.sso.SsoModel.TelegramLinkCompletion;
import edu.campus.common.sso.SsoModel.TelegramLinked;
import edu.campus.common.sso.SsoModel.TelegramUnlink;
import edu.campus.common.sso.SsoModel.TelegramUnlinked;
import edu.campus.common.sso.SsoModel;
import edu.campus.common.upstream.Upstreams;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import edu.campus.common.json.StrictJson;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import io.smallrye.mutiny.Uni;

/** SSO's service API. Use {@link SsoClient}: it adds the service token and the fault tolerance. */
@RegisterRestClient(configKey = "sso")
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface SsoApi {

    /** Answers are read tolerantly: a newer neighbour may add fields. */
    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper defaultObjectMapper) {
        return StrictJson.tolerant(defaultObjectMapper);
    }

    @POST
    @Path("/auth/token")
    Uni<ServiceToken> token(ClientCredentials credentials);

    @POST
    @Path("/provision/traffic/teachers")
    Uni<ProvisionedAccount> upsertTeacher(@HeaderParam("Authorization") String authorization, AccountUpsert teacher);

    @POST
    @Path("/provision/traffic/teachers/batch")
    Uni<BatchResponse> upsertTeachers(@HeaderParam("Authorization") String authorization, TeacherBatch teachers);

    @DELETE
    @Path("/provision/traffic/teachers/{entity_id}")
    Uni<Void> deleteTeacher(@HeaderParam("Authorization") String authorization, @PathParam("entity_id") long entityId);

    @POST
    @Path("/provision/traffic/teacher-link-telegram")
    Uni<TelegramLink> teacherTelegramLink(@HeaderParam("Authorization") String authorization, EntityRef teacher);

    @POST
    @Path("/provision/services/staff")
    Uni<ProvisionedAccount> upsertStaff(@HeaderParam("Authorization") String authorization, AccountUpsert staff);

    @POST
    @Path("/provision/services/executors")
    Uni<ProvisionedAccount> upsertExecutor(@HeaderParam("Authorization") String authorization, AccountUpsert executor);

    @DELETE
    @Path("/provision/services/staff/{entity_id}")
    Uni<Void> deleteStaff(@HeaderParam("Authorization") String authorization, @PathParam("entity_id") long entityId);

    @DELETE
    @Path("/provision/services/executors/{entity_id}")
    Uni<Void> deleteExecutor(@HeaderParam("Authorization") String authorization, @PathParam("entity_id") long entityId);

    @POST
    @Path("/telegram/link")
    Uni<TelegramLinked> completeTelegramLink(@HeaderParam("Authorization") String authorization, TelegramLinkCompletion link);

    @jakarta.ws.rs.GET
    @Path("/telegram/chats")
    Uni<SsoModel.TelegramChat> telegramChat(@HeaderParam("Authorization") String authorization, @jakarta.ws.rs.QueryParam("app") String app,
            @jakarta.ws.rs.QueryParam("role") String role, @jakarta.ws.rs.QueryParam("entity_id") long entityId);

    @POST
    @Path("/telegram/unlink")
    Uni<TelegramUnlinked> unlinkTelegram(@HeaderParam("Authorization") String authorization, TelegramUnlink unlink);

    /**
     * 401: our service token was refused (expired, keys rotated) → {@link SsoClient.TokenRejected}, renewed and retried.
     * 409/422: SSO's answer about the request → the same error for our caller. The rest → the upstream mapping.
     */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        if (status == 401) {
            return new SsoClient.TokenRejected();
        }
        return Upstreams.refusal(SsoClient.UPSTREAM, response);
    }
}
