package dev.junction.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The metric-name extractor on the PromQL shapes the monitoring files use, and on the ones they might. */
class PromQlTest {

    @Test
    void namesBeforeMatchersAndRangesAndStandingAlone() {
        assertThat(PromQl.metricNames("junction_route_reload_failed_files > 0"))
                .containsExactly("junction_route_reload_failed_files");
        assertThat(PromQl.metricNames("rate(a_total{route=~\"$route\", outcome=\"failure\"}[$__rate_interval])"
                + " / rate(b_total[5m] offset 1h) + c")).containsExactly("a_total", "b_total", "c");
        assertThat(PromQl.metricNames("recorded:rule:rate5m")).containsExactly("recorded:rule:rate5m");
    }

    @Test
    void functionsAggregationsKeywordsAndLabelListsAreNotNames() {
        assertThat(PromQl.metricNames("""
                histogram_quantile(0.99, sum by (route, le) (rate(latency_seconds_bucket[30m])))
                > on (route) group_left (team) max without (instance, pod) (target_seconds)
                and on (route) sum(rate(x_total[1h])) by (route) > bool 1e-3
                unless ignoring (le) count_values("v", y) or vector(0) * Inf
                """)).containsExactly("latency_seconds_bucket", "target_seconds", "x_total", "y");
        assertThat(PromQl.metricNames("label_values(junction_route_exchanges_total{outcome=\"failure\"}, route)"))
                .containsExactly("junction_route_exchanges_total");
        assertThat(PromQl.metricNames("label_values(route)")).isEmpty();
    }

    @Test
    void stringsVariablesNumbersAndCommentsAreNotNames() {
        assertThat(PromQl.metricNames("""
                # a comment naming not_a_metric
                label_replace(m{a="b}c", d='e{f'}, "dst", "$1", "src", "(.*)") * 0.5 + .25 + 0x1f
                + n[${window}] + ${factor} + $threshold
                """)).containsExactly("m", "n");
    }

    @Test
    void whatItCannotReadIsRefusedNotGuessed() {
        assertThatThrownBy(() -> PromQl.metricNames("sum(rate(x[5m])")).hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> PromQl.metricNames("x{a=\"b}")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> PromQl.metricNames("rat(x[5m])")).hasMessage("unknown function rat()");
    }
}
