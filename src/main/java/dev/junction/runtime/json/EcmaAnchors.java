package dev.junction.runtime.json;

import java.util.regex.Pattern;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * JSON Schema {@code pattern}s with the anchors JSON Schema gives them (ECMA-262): {@code $} matches at the very end of
 * the value only. Java's {@code $} also matches before a final line break, so {@code "^[A-Za-z0-9._:-]+$"} accepted
 * {@code "o-9\n"} (and {@code \r\n}, {@code \r}, {@code \u0085}, {@code \u2028}): an identifier that split log lines
 * and counted as a second order. Each {@code $} outside a character class becomes Java's end-of-input {@code \z}.
 */
final class EcmaAnchors implements RegularExpressionFactory {

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(endOfInputAnchors(regex));
        return value -> pattern.matcher(value).find();
    }

    static String endOfInputAnchors(String regex) {
        StringBuilder java = new StringBuilder(regex.length() + 4);
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                java.append(c).append(regex.charAt(++i));
            } else if (c == '[') {
                inClass = true;
                java.append(c);
            } else if (c == ']') {
                inClass = false;
                java.append(c);
            } else if (c == '$' && !inClass) {
                java.append("\\z");
            } else {
                java.append(c);
            }
        }
        return java.toString();
    }
}
