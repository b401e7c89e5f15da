package dev.junction.routetest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.camel.support.EndpointHelper;
import org.apache.camel.util.URISupport;

/**
 * Which endpoints a stub or an expectation is about. Camel's own syntax ({@link EndpointHelper#matchEndpoint}: the
 * exact URI with its options in any order, a prefix ending in {@code *}, or a regular expression), with two additions
 * that make patterns read like the URIs in the route files: {@code *} may stand anywhere, for any run of characters
 * ({@code http*://*\/reservations*}), and the URI is also tried percent-decoded, as it was written
 * ({@code sql:INSERT INTO fulfilment_order (*}).
 */
public final class UriPattern {

    private final String pattern;
    private final Pattern wildcards;
    private final Pattern regex;

    public UriPattern(String pattern) {
        this.pattern = pattern;
        this.wildcards = pattern.contains("*") ? wildcards(pattern) : null;
        this.regex = regex(pattern);
    }

    public boolean matches(String uri) {
        if (uri == null) {
            return false;
        }
        if (EndpointHelper.matchEndpoint(null, uri, pattern)) {
            return true;
        }
        for (String candidate : forms(uri)) {
            if (candidate.equals(pattern) || wildcards != null && wildcards.matcher(candidate).matches()
                    || regex != null && regex.matcher(candidate).matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** The URI as given and normalised, each with and without "//" after the scheme, each also decoded. */
    private static Set<String> forms(String uri) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(uri);
        try {
            forms.add(URISupport.normalizeUri(uri));
        } catch (Exception e) {
            // Not a URI Camel can normalise: the other forms still count.
        }
        for (String form : Set.copyOf(forms)) {
            forms.add(toggleSchemeSeparator(form));
        }
        for (String form : Set.copyOf(forms)) {
            forms.add(decoded(form));
        }
        return forms;
    }

    private static String toggleSchemeSeparator(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 0) {
            return uri;
        }
        String rest = uri.substring(colon + 1);
        return uri.substring(0, colon + 1) + (rest.startsWith("//") ? rest.substring(2) : "//" + rest);
    }

    private static String decoded(String uri) {
        try {
            return URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }

    private static Pattern wildcards(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static Pattern regex(String pattern) {
        try {
            return Pattern.compile(pattern, Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }
}
