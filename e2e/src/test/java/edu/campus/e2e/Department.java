package edu.campus.e2e;

import static edu.campus.e2e.Platform.api;
import static edu.campus.e2e.Platform.as;
import static edu.campus.e2e.Platform.login;
import static edu.campus.e2e.Platform.newUser;
import static edu.campus.e2e.Platform.random;

import java.util.Map;

/** A services department as its admin makes it, and its people: created, their invitations accepted, signed in. */
record Department(String admin, long id) {

    static Department create(String name) {
        String admin = newUser("services", "admin", "services.admin");
        long id = as(admin).body(Map.of("name", name + " " + random(), "contact", "ауд. 101")).post("/api/services/admin/departments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        return new Department(admin, id);
    }

    /** A staff member the admin adds, who sets their password with the invitation: signed in. */
    String staff(String username) {
        return person(admin, "/api/services/admin/departments/" + id + "/staff", username);
    }

    /** An executor a staff member adds, who sets their password with the invitation: signed in. */
    String executor(String desk, String username) {
        return person(desk, "/api/services/manage/departments/" + id + "/executors", username);
    }

    private static String person(String creator, String path, String username) {
        String code = as(creator).body(Map.of("full_name", "Сотрудник " + username, "username", username)).post(path).then().statusCode(201)
                .extract().path("invitation.code");
        return accept(code, username);
    }

    /** The invitation page's call: the password set with the code; then the person signs in with it. */
    static String accept(String code, String username) {
        api().body(Map.of("code", code, "password", "a password of " + username)).post("/api/auth/invitations/accept").then().statusCode(200);
        return login(username, "a password of " + username, "services");
    }
}
