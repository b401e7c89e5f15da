package dev.junction.runtime.reload;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;

import dev.junction.runtime.ops.OpsApiRoutes;
import dev.junction.runtime.problem.ProblemResponses;

/**
 * {@value #PATH}: which route files run which routes, the files whose latest version was refused, and the recent
 * reloads with their problems ({@code file:line: message}), newest first.
 */
@Singleton
public class RouteReloadApiRoutes extends OpsApiRoutes {

    static final String PATH = "/api/ops/route-files";

    private final RouteFiles files;
    private final ReloadHistory history;

    public RouteReloadApiRoutes(RouteFiles files, ReloadHistory history, ProblemResponses problems) {
        super(problems);
        this.files = files;
        this.history = history;
    }

    @Override
    public void configure() {
        get(opsRest(PATH, "Route files: what runs, and what became of each change (hot reload)"), null,
                "list-route-files", "Each route file with its running routes, the files whose latest version was"
                        + " refused (an older one runs), and the recent reloads, newest first");

        operation("ops-list-route-files", "Answers the route files and their recent reloads", this::list);
    }

    private Object list(Exchange exchange) {
        ObjectNode answer = jsonObject();
        ObjectNode running = answer.putObject("files");
        files.routesByFile().forEach((file, routes) -> routes.forEach(running.putArray(file)::add));
        history.refusedFiles().forEach(answer.putArray("refused")::add);
        ArrayNode reloads = answer.putArray("reloads");
        for (ReloadOutcome outcome : history.recent()) {
            ObjectNode item = reloads.addObject().put("file", outcome.file())
                    .put("change", outcome.change().name().toLowerCase()).put("ok", outcome.ok())
                    .put("at", outcome.at().toString()).put("durationMs", outcome.durationMs());
            outcome.problems().forEach(item.putArray("problems")::add);
            outcome.routes().forEach(item.putArray("routes")::add);
        }
        return answer.toString();
    }
}
