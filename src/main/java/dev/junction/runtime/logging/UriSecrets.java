package dev.junction.runtime.logging;

import org.apache.camel.util.URISupport;

/**
 * Camel's masking of passwords in URIs ({@link URISupport#sanitizeUri}), run only on text it could change. Its
 * patterns cost time that grows with the square of the text's length (a logged line, a dead letter's stack summary),
 * and it only ever changes a user-info password (needs an {@code @}) or a query option (needs {@code ?} or {@code &},
 * and {@code =}).
 */
public final class UriSecrets {

    private UriSecrets() {
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        boolean userInfo = text.indexOf('@') >= 0;
        boolean queryOption = (text.indexOf('?') >= 0 || text.indexOf('&') >= 0) && text.indexOf('=') >= 0;
        return userInfo || queryOption ? URISupport.sanitizeUri(text) : text;
    }
}
