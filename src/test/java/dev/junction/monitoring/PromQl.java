package dev.junction.monitoring;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The metric names a PromQL expression reads: identifiers that stand alone or are followed by a label matcher
 * {@code {…}} or a range {@code […]}, but not function names, aggregation operators, keywords, label names (inside
 * braces, or in {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_left}/{@code group_right} lists),
 * strings, numbers, durations or Grafana variables ({@code $route}, {@code ${DS}}, {@code $__rate_interval}). Grafana's
 * {@code label_values(selector, label)} variable queries are read too.
 * Not a parser: it only has to find names, and refuses what it cannot read (unbalanced brackets, unterminated
 * strings, unknown functions) rather than guess.
 */
final class PromQl {

    private static final Set<String> FUNCTIONS = Set.of("abs", "absent", "absent_over_time", "acos", "acosh", "asin",
            "asinh", "atan", "atanh", "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos",
            "cosh", "count_over_time", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "deg", "delta",
            "deriv", "exp", "floor", "histogram_avg", "histogram_count", "histogram_fraction", "histogram_quantile",
            "histogram_stddev", "histogram_stdvar", "histogram_sum", "holt_winters", "hour", "idelta", "increase",
            "irate", "label_join", "label_replace", "last_over_time", "ln", "log10", "log2", "mad_over_time",
            "max_over_time", "min_over_time", "minute", "month", "pi", "predict_linear", "present_over_time",
            "quantile_over_time", "rad", "rate", "resets", "round", "scalar", "sgn", "sin", "sinh", "sort",
            "sort_by_label", "sort_by_label_desc", "sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time",
            "sum_over_time", "tan", "tanh", "time", "timestamp", "vector", "year",
            // the @ modifier's start() and end()
            "start", "end",
            // Grafana's template variable queries: label_values(selector, label) is handled on its own, as its last
            // argument is a label.
            "label_names", "query_result");

    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    /** Keywords followed by a parenthesised list of label names. */
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf",
            "nan");

    private PromQl() {
    }

    /** The metric names {@code expr} reads, in order of first appearance. */
    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        int depth = 0;
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '#') {
                i = lineEnd(expr, i);
            } else if (c == '"' || c == '\'' || c == '`') {
                i = stringEnd(expr, i);
            } else if (c == '{') {
                i = closing(expr, i, '{', '}');
            } else if (c == '[') {
                i = closing(expr, i, '[', ']');
            } else if (c == '}' || c == ']') {
                throw new IllegalArgumentException("unbalanced '" + c + "' at " + i);
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                if (--depth < 0) {
                    throw new IllegalArgumentException("unbalanced ')' at " + i);
                }
                i++;
            } else if (c == '$') {
                i = variableEnd(expr, i);
            } else if (Character.isDigit(c) || c == '.' && i + 1 < expr.length()
                    && Character.isDigit(expr.charAt(i + 1))) {
                // numbers, durations after offset, hex: none of it is a name
                while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.'
                        || expr.charAt(i) == '_')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = i;
                while (end < expr.length() && (Character.isLetterOrDigit(expr.charAt(end))
                        || expr.charAt(end) == '_' || expr.charAt(end) == ':')) {
                    end++;
                }
                String word = expr.substring(i, end);
                String keyword = word.toLowerCase(Locale.ROOT);
                int next = skipSpace(expr, end);
                boolean call = next < expr.length() && expr.charAt(next) == '(';
                if (LABEL_LISTS.contains(keyword)) {
                    i = call ? closing(expr, next, '(', ')') : end;
                } else if (AGGREGATIONS.contains(keyword) || KEYWORDS.contains(keyword)) {
                    i = end;
                } else if (call && word.equals("label_values")) {
                    int close = closing(expr, next, '(', ')');
                    String arguments = expr.substring(next + 1, close - 1);
                    int comma = lastTopLevelComma(arguments);
                    if (comma >= 0) {
                        names.addAll(metricNames(arguments.substring(0, comma)));
                    }
                    i = close;
                } else if (call) {
                    if (!FUNCTIONS.contains(word)) {
                        throw new IllegalArgumentException("unknown function " + word + "()");
                    }
                    i = end;
                } else {
                    names.add(word);
                    i = end;
                }
            } else {
                i++;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced '(': " + depth + " left open");
        }
        return names;
    }

    /** label_values(label) names no metric; label_values(selector, label) reads the selector's. */
    private static int lastTopLevelComma(String arguments) {
        int comma = -1;
        int i = 0;
        while (i < arguments.length()) {
            char c = arguments.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = stringEnd(arguments, i);
            } else if (c == '{' || c == '[' || c == '(') {
                i = closing(arguments, i, c, c == '{' ? '}' : c == '[' ? ']' : ')');
            } else {
                if (c == ',') {
                    comma = i;
                }
                i++;
            }
        }
        return comma;
    }

    private static int lineEnd(String expr, int from) {
        int end = expr.indexOf('\n', from);
        return end < 0 ? expr.length() : end + 1;
    }

    private static int stringEnd(String expr, int from) {
        char quote = expr.charAt(from);
        for (int i = from + 1; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unterminated string from " + from);
    }

    /** Just past the bracket closing the one at {@code from}; strings inside may hold brackets. */
    private static int closing(String expr, int from, char open, char close) {
        int depth = 0;
        int i = from;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = stringEnd(expr, i);
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unbalanced '" + open + "' at " + from);
    }

    private static int variableEnd(String expr, int from) {
        if (from + 1 < expr.length() && expr.charAt(from + 1) == '{') {
            return closing(expr, from + 1, '{', '}');
        }
        int i = from + 1;
        while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    private static int skipSpace(String expr, int from) {
        int i = from;
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        return i;
    }
}
