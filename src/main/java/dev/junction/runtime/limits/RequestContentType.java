package dev.junction.runtime.limits;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Locale;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.junction.runtime.problem.EdgeProblems;

/**
 * Content types as HTTP defines them, settled at the edge before any route reads a body:
 * <ul>
 * <li>a charset the JVM does not have ({@code charset=x-bogus}, {@code charset=}, {@code charset=%%%}) is the
 * client's mistake, answered 415 at once. Read by a route, it failed the body's conversion, which the order routes
 * redelivered for seconds, answered 503 and counted against their SLO;</li>
 * <li>type and subtype are case-insensitive: {@code APPLICATION/JSON} is passed on as {@code application/json}, since
 * the REST DSL compares them as written.</li>
 * </ul>
 */
@Singleton
public class RequestContentType {

    /** After the limits on who and how much (authentication 200 and 100, rate 50, load 10), before the size check. */
    private static final int PRIORITY = 5;

    private final EdgeProblems problems;

    public RequestContentType(EdgeProblems problems) {
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        String contentType = context.request().getHeader("Content-Type");
        if (contentType == null) {
            context.next();
            return;
        }
        String[] parts = contentType.split(";", -1);
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            String name = (equals < 0 ? parts[i] : parts[i].substring(0, equals)).trim();
            if (name.equalsIgnoreCase("charset")) {
                String charset = equals < 0 ? "" : parts[i].substring(equals + 1).trim().replace("\"", "");
                if (!supported(charset)) {
                    problems.send(context, 415, "unsupported-charset", "Unsupported charset",
                            "The body's charset '" + charset + "' is not one Junction can read; send UTF-8"
                                    + " (charset=utf-8), or leave the charset out");
                    return;
                }
            }
        }
        String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!parts[0].equals(mediaType)) {
            parts[0] = mediaType;
            context.request().headers().set("Content-Type", String.join(";", parts));
        }
        context.next();
    }

    private static boolean supported(String charset) {
        try {
            return !charset.isEmpty() && Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
