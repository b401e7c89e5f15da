package dev.junction.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks that every metric an expression reads is one Junction exports: a misspelt or renamed metric makes a panel
 * show "No data" and an alert never fire, and nothing else would notice.
 */
final class MetricNameCheck {

    private final Scrape scrape;

    MetricNameCheck(Scrape scrape) {
        this.scrape = scrape;
    }

    /** One line per problem, naming the file, the panel or alert, and the metric. */
    List<String> problems(List<Query> queries) {
        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            String at = query.file() + ": " + query.where() + ": ";
            Set<String> names;
            try {
                names = PromQl.metricNames(query.expr());
            } catch (IllegalArgumentException unreadable) {
                problems.add(at + "cannot read the expression (" + unreadable.getMessage() + "): " + query.expr());
                continue;
            }
            if (names.isEmpty()) {
                problems.add(at + "reads no metric: " + query.expr());
            }
            names.stream().filter(name -> !scrape.has(name))
                    .forEach(name -> problems.add(at + "metric " + name + " is not in /q/metrics"));
        }
        return problems;
    }
}
