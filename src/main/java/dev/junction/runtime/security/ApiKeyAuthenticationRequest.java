package dev.junction.runtime.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key as presented in a request, for {@link ApiKeyIdentityProvider} to resolve into a client. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
