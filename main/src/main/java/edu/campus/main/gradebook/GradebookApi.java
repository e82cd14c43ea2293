package edu.campus.main.gradebook;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** The university's record-book site (GRADEBOOK_URL): a session-cookie web app with CSRF protection. Redirects are not followed. */
@RegisterRestClient(configKey = "gradebook")
public interface GradebookApi {

    String LOGIN = "/accounts/basic-login/";
    String RECORD_BOOK = "/science-and-education/recordbook/get_record_book_data_ajax";

    /** Sets the {@code csrftoken} cookie. */
    @GET
    @Path(LOGIN)
    Uni<Response> loginPage();

    /** A 302 or 200 that sets {@code sessionid}; without it the credentials were refused. */
    @POST
    @Path(LOGIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<Response> login(@HeaderParam("Cookie") String cookie, @HeaderParam("Referer") String referer, @HeaderParam("Origin") String origin,
            @FormParam("csrfmiddlewaretoken") String csrf, @FormParam("username") String username, @FormParam("password") String password);

    /** The record book as JSON; an expired session answers with a redirect to the login page. */
    @POST
    @Path(RECORD_BOOK)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> recordBook(@HeaderParam("Cookie") String cookie, @HeaderParam("X-CSRFToken") String csrf,
            @HeaderParam("Referer") String referer, RecordBookRequest body);

    @io.quarkus.runtime.annotations.RegisterForReflection
    record RecordBookRequest(String recordBookNumber) {
    }
}
