package dev.junction.http;

import java.util.Locale;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpHeaderFilterStrategy;

/**
 * Header filter for every REST endpoint (camel.rest.endpointProperties in config/application.properties). Camel
 * 4.4's platform-http filters only outgoing headers, so a client could send Camel's own control headers, e.g.
 * {@code CamelBeanMethodName}, which makes a bean step call another method with arguments evaluated as Simple
 * expressions (the class of CVE-2025-27636). Requests may not carry them, in any letter case.
 */
@Singleton
@Named("inboundHeaderFilter")
public class InboundHeaderFilter extends PlatformHttpHeaderFilterStrategy {

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        String name = headerName.toLowerCase(Locale.ROOT);
        if (name.startsWith("camel") || name.startsWith("org.apache.camel")) {
            return true;
        }
        return super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }
}
