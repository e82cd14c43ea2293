package edu.campus.services.desk;

import org.jboss.resteasy.reactive.RestResponse;

import edu.campus.services.people.People.Deletion;
import edu.campus.services.people.PeopleDtos.PersonView;
import edu.campus.services.people.PersonStatus;

/** How creating and deleting staff or executors answer: done now, or accepted and left to the retry job. */
final class PeopleResponses {

    private PeopleResponses() {
    }

    static RestResponse<PersonView> created(PersonView person) {
        return RestResponse.status(person.status() == PersonStatus.active ? RestResponse.Status.CREATED : RestResponse.Status.ACCEPTED,
                person);
    }

    static RestResponse<PersonView> deleted(Deletion deletion) {
        return deletion.done() ? RestResponse.noContent() : RestResponse.status(RestResponse.Status.ACCEPTED, deletion.person());
    }
}
