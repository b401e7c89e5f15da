package dev.junction.monitoring;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One scrape of /q/metrics (Prometheus text format), reduced to what expressions are checked against: the series
 * names it holds (a histogram as its {@code _bucket}, {@code _count} and {@code _sum} series, exactly as scraped) and
 * the label names each carries.
 */
final class Scrape {

    private final Map<String, Set<String>> labelsByName;

    private Scrape(Map<String, Set<String>> labelsByName) {
        this.labelsByName = labelsByName;
    }

    static Scrape parse(String text) {
        Map<String, Set<String>> labelsByName = new HashMap<>();
        text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(line -> {
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            boolean labelled = brace >= 0 && (space < 0 || brace < space);
            String name = line.substring(0, labelled ? brace : space < 0 ? line.length() : space);
            Set<String> labels = labelsByName.computeIfAbsent(name, n -> new HashSet<>());
            if (labelled) {
                labels.addAll(labelNames(line, brace));
            }
        });
        return new Scrape(labelsByName);
    }

    boolean has(String name) {
        return labelsByName.containsKey(name);
    }

    /** Whether series of this name carry the label (false for a name not scraped). */
    boolean labelled(String name, String label) {
        return labelsByName.getOrDefault(name, Set.of()).contains(label);
    }

    Set<String> names() {
        return labelsByName.keySet();
    }

    /** {@code a="x",b="y\"}"} from the brace at {@code from}: label values may hold quotes, commas and braces. */
    private static Set<String> labelNames(String line, int from) {
        Set<String> names = new HashSet<>();
        int i = from + 1;
        while (i < line.length() && line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            names.add(line.substring(i, equals).strip());
            i = equals + 2;
            while (line.charAt(i) != '"') {
                i += line.charAt(i) == '\\' ? 2 : 1;
            }
            i++;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return names;
    }
}
