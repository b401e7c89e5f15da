package dev.junction.testing;

import io.restassured.path.json.JsonPath;

/** The operations audit (GET /api/ops/audit): who did what through the operations API, newest first. */
public final class AuditLog {

    public static final String PATH = "/api/ops/audit";

    private AuditLog() {
    }

    /** The newest entries, as the operator reads them. */
    public static JsonPath latest(int limit) {
        return DeadLetters.operator().queryParam("limit", limit).when().get(PATH).then().statusCode(200).extract()
                .jsonPath();
    }
}
