package dev.junction.testing;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Set;

import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Requests as Junction's API clients send them: with the API keys and JWTs the %test profile accepts
 * (junction.auth.api-keys.* and mp.jwt.* in config/application.properties; the test key pair in
 * src/test/resources/security).
 */
public final class Clients {

    /** Client testintake, role intake. */
    public static final String INTAKE_KEY = "test-intake-key";
    /** Client testoperator, role operator. */
    public static final String OPERATOR_KEY = "test-operator-key";
    /** Client testrotated, role intake, configured with both keys' hashes. */
    public static final String ROTATED_OLD_KEY = "test-rotated-old-key";
    public static final String ROTATED_NEW_KEY = "test-rotated-new-key";
    /** Client testlimited, role intake, rate-limited to a burst of 3. */
    public static final String LIMITED_KEY = "test-limited-key";

    public static final String ISSUER = "https://issuer.test/junction";
    public static final String AUDIENCE = "junction";

    private Clients() {
    }

    /** A request as an intake client sends it: with its API key. */
    public static RequestSpecification intake() {
        return withKey(INTAKE_KEY);
    }

    /** A request as an operator sends it: with the operator's API key. */
    public static RequestSpecification operator() {
        return withKey(OPERATOR_KEY);
    }

    public static RequestSpecification withKey(String key) {
        return given().header("X-API-Key", key);
    }

    public static RequestSpecification withToken(String jwt) {
        return given().header("Authorization", "Bearer " + jwt);
    }

    /** A valid JWT for this subject and roles, signed with the test key. */
    public static String token(String subject, String... groups) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(groups))
                .expiresIn(Duration.ofMinutes(5)).sign(privateKey());
    }

    public static java.security.PrivateKey privateKey() {
        try {
            return KeyUtils.readPrivateKey("security/test-jwt-private.pem");
        } catch (Exception e) {
            throw new IllegalStateException("The test key pair is in src/test/resources/security", e);
        }
    }
}
