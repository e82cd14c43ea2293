package edu.campus.e2e;

import static edu.campus.e2e.Platform.api;
import static edu.campus.e2e.Platform.as;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.restassured.path.json.JsonPath;

/** A kiosk as it lives: it initialises itself, an admin binds it to a room by its registration PIN, it polls its state. */
record Kiosk(long id, String deviceSecret, String displayPin) {

    /** Building 11, room 1201 of the RUZ stub: lessons today, whatever day it is (deploy/ruz-demo). */
    static final long BUILDING = 11;
    static final long ROOM = 1201;

    static Kiosk bound(String trafficAdmin) {
        JsonPath init = api().post("/api/traffic/kiosks/init").then().statusCode(201).extract().jsonPath();
        long id = as(trafficAdmin).get("/api/traffic/admin/kiosks/by-registration-pin/" + init.getString("registration_pin")).then()
                .statusCode(200).extract().jsonPath().getLong("id");
        as(trafficAdmin).body(Map.of("building_id", BUILDING, "room_id", ROOM)).put("/api/traffic/admin/kiosks/" + id + "/room").then()
                .statusCode(200).body("state", equalTo("idle"));
        return new Kiosk(id, init.getString("device_secret"), init.getString("display_pin"));
    }

    /** What the kiosk polls (GET /api/traffic/kiosks/state with its device secret). */
    JsonPath state() {
        return as(deviceSecret).get("/api/traffic/kiosks/state").then().statusCode(200).extract().jsonPath();
    }

    /** The teacher types the display PIN, picks today's first lesson of theirs there, and starts it: the session's id. */
    long startLesson(String teacher) {
        String lesson = as(teacher).body(Map.of("display_pin", displayPin)).post("/api/traffic/lessons/lookup").then().statusCode(200)
                .extract().path("lessons[0].lesson_key");
        return as(teacher).body(Map.of("display_pin", displayPin, "lesson_key", lesson)).post("/api/traffic/sessions").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    /** The room back to nobody (other tests bind their own kiosks to it). */
    void unbind(String trafficAdmin) {
        as(trafficAdmin).delete("/api/traffic/admin/kiosks/" + id + "/room").then().statusCode(200);
    }
}
