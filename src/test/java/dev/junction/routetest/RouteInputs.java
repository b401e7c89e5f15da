package dev.junction.routetest;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.file.FileConsumer;
import org.apache.camel.component.file.GenericFile;

/**
 * Puts a case's input on the exchange the way the route's consumer would have: text bodies as strings, and for a
 * route reading files ({@code from: file:...}) the file itself, as the file consumer hands it over (the body is the
 * file, with the CamelFile* headers), so the route reads it as it would read a file from its directory. Headers and
 * variables go on as given.
 */
@Singleton
public class RouteInputs {

    void apply(Input input, Route route, Exchange exchange) throws IOException {
        if (route.getConsumer() instanceof FileConsumer) {
            if (input.bodyFile() == null) {
                throw new IllegalArgumentException("route " + route.getRouteId() + " reads files ("
                        + route.getEndpoint().getEndpointUri() + "): give its input as bodyFile");
            }
            GenericFile<File> file = FileConsumer.asGenericFile(input.bodyFile().getParent().toString(),
                    input.bodyFile().toFile(), null, false);
            file.bindToExchange(exchange, false);
        } else if (input.bodyFile() != null) {
            exchange.getMessage().setBody(Files.readString(input.bodyFile(), StandardCharsets.UTF_8));
        } else {
            exchange.getMessage().setBody(input.body());
        }
        input.headers().forEach(exchange.getMessage()::setHeader);
        input.variables().forEach(exchange::setVariable);
    }
}
