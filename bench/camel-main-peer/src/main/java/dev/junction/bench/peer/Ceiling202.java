package dev.junction.bench.peer;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;

/**
 * The ceiling of the HTTP intake benchmark: a bare Vert.x server (the HTTP engine under both Junction and Camel
 * Main's platform-http) that reads each request body and answers 202 with a receipt-sized JSON body, doing nothing
 * else. No validation, no routing, no Kafka: what the machine and the load tool allow at most.
 * <p>
 * {@code java -cp 'target/classes:target/lib/*' dev.junction.bench.peer.Ceiling202 PORT}; one verticle per core,
 * as Quarkus runs its event loops.
 */
public final class Ceiling202 extends AbstractVerticle {

    private static final String RECEIPT = "{\"orderId\":\"o-1\",\"status\":\"accepted\",\"topic\":\"orders.express\","
            + "\"partition\":0,\"offset\":0}";

    private final int port;

    private Ceiling202(int port) {
        this.port = port;
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new Ceiling202(port),
                new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    vertx.close();
                });
    }

    @Override
    public void start() {
        vertx.createHttpServer()
                .requestHandler(request -> request.body().onComplete(body -> request.response().setStatusCode(202)
                        .putHeader("Content-Type", "application/json").end(RECEIPT)))
                .listen(port, "127.0.0.1");
    }
}
