package edu.campus.services.student;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;

import edu.campus.common.api.Page;
import edu.campus.common.api.PageParams;
import edu.campus.common.launch.RequireStudent;
import edu.campus.common.launch.Student;
import edu.campus.services.application.ApplicationDtos.ApplicationDetail;
import edu.campus.services.application.ApplicationDtos.ApplicationSummary;
import edu.campus.services.application.Applications;
import edu.campus.services.file.Downloads;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/** The student's own applications, with replies, history and files (launch token for "services"). */
@Path("/api/services/my")
@Produces(MediaType.APPLICATION_JSON)
@RequireStudent
@SecurityRequirement(name = "bearer")
@Tag(name = "students")
public class MyResource {

    private final Applications applications;
    private final Downloads downloads;
    private final Student student;

    MyResource(Applications applications, Downloads downloads, Student student) {
        this.applications = applications;
        this.downloads = downloads;
        this.student = student;
    }

    @GET
    @Path("/applications")
    @Operation(summary = "The student's applications, newest first, paged")
    public Uni<Page<ApplicationSummary>> list(@Valid @BeanParam PageParams paging) {
        return applications.mine(student.get(), paging.page(), paging.size());
    }

    @GET
    @Path("/applications/{id}")
    @Operation(summary = "One of the student's applications: answers, files, replies, history (404 for anyone else's)")
    public Uni<ApplicationDetail> get(@RestPath long id) {
        return applications.mine(student.get(), id);
    }

    @GET
    @Path("/files/{id}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "A file of one of the student's applications or of a reply to it, streamed (an attachment)")
    public RestMulti<Buffer> file(@RestPath long id) {
        return downloads.stream(applications.fileOf(student.get(), id));
    }
}
