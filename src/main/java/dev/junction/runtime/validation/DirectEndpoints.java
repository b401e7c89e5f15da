package dev.junction.runtime.validation;

/** The name a {@code direct:} endpoint is addressed by, whatever options its URI carries. */
final class DirectEndpoints {

    private DirectEndpoints() {
    }

    static boolean isDirect(String uri) {
        return uri != null && (uri.startsWith("direct:") || uri.startsWith("direct://"));
    }

    static String name(String uri) {
        String name = uri.substring("direct:".length());
        if (name.startsWith("//")) {
            name = name.substring(2);
        }
        int query = name.indexOf('?');
        return query < 0 ? name : name.substring(0, query);
    }
}
