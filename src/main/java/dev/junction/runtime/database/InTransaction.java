package dev.junction.runtime.database;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Runs a route in one JTA transaction: everything the route does on Junction's datasource (camel-sql, the JDBC
 * idempotent repository) is committed together when it succeeds, and rolled back together when it fails. The
 * failure then reaches the calling route as an ordinary exception, so that route's error handler retries the whole
 * step in a fresh transaction or dead-letters the message.
 * <p>
 * Why not Camel's {@code transacted} EIP: it installs a transaction error handler in the called route, and an
 * exception that has been through an error handler counts as already handled: the caller's dead-letter channel
 * neither retries nor dead-letters it, and a Kafka consumer would stop on the record for good.
 */
@ApplicationScoped
@Named("inTransaction")
@RegisterForReflection // routes invoke run() reflectively
public class InTransaction {

    private final ProducerTemplate routes;

    public InTransaction(ProducerTemplate routes) {
        this.routes = routes;
    }

    /** Sends the exchange to the endpoint (a direct: route) inside a transaction joined if one is active. */
    @Transactional(value = Transactional.TxType.REQUIRED, rollbackOn = Exception.class)
    public void run(Exchange exchange, String endpointUri) throws Exception {
        routes.send(endpointUri, exchange);
        Exception failure = exchange.getException();
        if (failure != null) {
            // Thrown rather than left on the exchange: the transaction only rolls back on an exception.
            exchange.setException(null);
            throw failure;
        }
    }
}
