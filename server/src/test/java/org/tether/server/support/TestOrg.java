package org.tether.server.support;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/**
 * The organisation most tests work in: one county agency, one justice office, a county supervisor and
 * an officer. Created through the API by the bootstrap administrator on first use; found again when a
 * second server instance shares the database.
 */
public record TestOrg(String agencyId, String officeId) {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String SUPERVISOR = "test-supervisor";
    public static final String OFFICER = "test-officer";
    public static final String PASSWORD = "test-staff-password";

    public static TestOrg ensure(int port) {
        return ensure(HttpTarget.plain(port));
    }

    public static TestOrg ensure(HttpTarget target) {
        StaffClient admin = StaffClient.signIn(target, ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> existing = admin.send("GET", "/api/staff", null);
        for (Object o : new JsonObject(existing.body()).getJsonArray("items")) {
            JsonObject s = (JsonObject) o;
            if (OFFICER.equals(s.getString("username"))) {
                JsonObject office = new JsonObject(admin.send("GET", "/api/offices", null).body()).getJsonArray("items")
                        .stream().map(JsonObject.class::cast).filter(x -> x.getString("id").equals(s.getString("officeId")))
                        .findFirst().orElseThrow();
                return new TestOrg(office.getString("parentId"), office.getString("id"));
            }
        }
        String agency = admin.create("/api/offices", new JsonObject().put("kind", "COUNTY_AGENCY").put("name", "测试县"))
                .getString("id");
        String office = admin.create("/api/offices", new JsonObject().put("kind", "JUSTICE_OFFICE").put("name", "测试司法所")
                .put("parentId", agency)).getString("id");
        admin.create("/api/staff", staff(SUPERVISOR, "COUNTY_SUPERVISOR", agency));
        admin.create("/api/staff", staff(OFFICER, "OFFICER", office));
        return new TestOrg(agency, office);
    }

    public static JsonObject staff(String username, String role, String officeId) {
        return new JsonObject().put("username", username).put("displayName", username).put("role", role)
                .put("officeId", officeId).put("password", PASSWORD);
    }

    /** An order body: a bracelet may be bound under it from now for two months. */
    public static JsonObject emOrder() {
        return new JsonObject().put("ground", "LEFT_AREA_WITHOUT_APPROVAL")
                .put("endsAt", java.time.OffsetDateTime.now().plusMonths(2).toString());
    }
}
