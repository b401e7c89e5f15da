package dev.junction.runtime.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Resolves an API key into its client: the client's name as principal, its configured roles. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    /** Identity attribute naming how the caller authenticated ({@value #API_KEY} or JWT). */
    public static final String AUTHENTICATED_BY = "junction.authenticated-by";
    public static final String API_KEY = "api-key";

    private final ApiKeyClients clients;

    public ApiKeyIdentityProvider(ApiKeyClients clients) {
        this.clients = clients;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return clients.find(request.key())
                .map(client -> Uni.createFrom().<SecurityIdentity>item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(client.name()))
                        .addRoles(client.roles())
                        .addAttribute(AUTHENTICATED_BY, API_KEY)
                        .build()))
                // No detail: the caller learns nothing about which keys exist.
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException()));
    }
}
