package dev.junction.runtime.security;

import java.util.HashSet;
import java.util.Set;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * Junction's one HTTP authentication mechanism: an API key in the {@value #HEADER} header, otherwise a JWT bearer
 * token (smallrye-jwt's mechanism, delegated to), otherwise anonymous for the path permissions to decide.
 * <p>
 * One mechanism rather than two side by side (Quarkus' documented way of combining with JWTAuthMechanism: an
 * alternative that replaces every other mechanism) so that every 401 goes through {@link #sendChallenge}, which
 * answers with a problem body naming both ways in. With the JWT mechanism beside it, a bad token got smallrye-jwt's
 * challenge: 401 and an empty body.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class JunctionAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String HEADER = "X-API-Key";

    private final JWTAuthMechanism jwt;
    private final AuthProblems problems;

    public JunctionAuthenticationMechanism(JWTAuthMechanism jwt, AuthProblems problems) {
        this.jwt = jwt;
        this.problems = problems;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String key = context.request().getHeader(HEADER);
        if (key == null || key.isEmpty()) {
            return jwt.authenticate(context, identityProviderManager);
        }
        return identityProviderManager.authenticate(new ApiKeyAuthenticationRequest(key));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "ApiKey header=\"" + HEADER + "\""));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        problems.unauthorized(context);
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        Set<Class<? extends AuthenticationRequest>> types = new HashSet<>(jwt.getCredentialTypes());
        types.add(ApiKeyAuthenticationRequest.class);
        return types;
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, HEADER));
    }
}
