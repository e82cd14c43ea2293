package edu.campus.common.main.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.common.json.StrictJson;
import edu.campus.common.main.MainModel.StudentTelegram;
import edu.campus.common.main.MainModel.TelegramUnlink;
import edu.campus.common.main.MainModel.TelegramUnlinked;
import edu.campus.common.main.MainModel;
import edu.campus.common.sso.client.SsoClient;
import edu.campus.common.upstream.Upstreams;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import io.smallrye.mutiny.Uni;

/** main's internal Telegram endpoints (SSO service tokens). Use {@link MainClient}, which adds the fault tolerance. */
@RegisterRestClient(configKey = "main")
@Path("/api/main/internal/telegram")
interface MainApi {

    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper defaultObjectMapper) {
        return StrictJson.tolerant(defaultObjectMapper);
    }

    @GET
    @Path("/students/{student_id}")
    Uni<StudentTelegram> studentTelegram(@HeaderParam("Authorization") String authorization, @PathParam("student_id") long studentId);

    @POST
    @Path("/link")
    Uni<StudentTelegram> link(@HeaderParam("Authorization") String authorization, MainModel.LinkCompletion link);

    @POST
    @Path("/unlink")
    Uni<TelegramUnlinked> unlink(@HeaderParam("Authorization") String authorization, TelegramUnlink unlink);

    /** 401: our service token was refused (renewed and retried); 409/422 main's answer; 404 stays a not-found; the rest the upstream mapping. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 401) {
            return new SsoClient.TokenRejected();
        }
        return Upstreams.refusal(MainClient.UPSTREAM, response);
    }
}
