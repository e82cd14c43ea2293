package edu.campus.main.cas;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** CAS ticket validation (CAS_URL); the answer is XML, read as text and parsed by {@link CasResponse}. */
@RegisterRestClient(configKey = "cas")
@Produces({ "application/xml", "text/xml", "text/plain", "*/*" })
public interface CasApi {

    /** CAS 3.0 (attributes). */
    @GET
    @Path("/p3/serviceValidate")
    Uni<String> validate3(@QueryParam("service") String service, @QueryParam("ticket") String ticket);

    /** CAS 2.0. */
    @GET
    @Path("/serviceValidate")
    Uni<String> validate2(@QueryParam("service") String service, @QueryParam("ticket") String ticket);
}
