package dev.junction.samples.fulfilment;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import org.apache.camel.processor.idempotent.jdbc.AbstractJdbcMessageIdRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.jta.JtaTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The idempotent repository of order fulfilment: Camel's JDBC repository on Junction's datasource, in the table the
 * Flyway migrations create ({@code CAMEL_MESSAGEPROCESSED}).
 * <p>
 * Its reads and writes take part in the JTA transaction that is active when they run. That is the point: the
 * fulfilment route adds an order's key in the same transaction that writes the order's rows, so either both are
 * committed or neither is, and a record consumed again after a crash is recognised exactly when its rows exist.
 * Camel's default (a JDBC-local transaction manager on the datasource) would commit the key on its own.
 */
// Routes call contains() on it by name, reflectively.
@RegisterForReflection(targets = { JdbcMessageIdRepository.class, AbstractJdbcMessageIdRepository.class })
public class ProcessedOrders {

    public static final String PROCESSOR_NAME = "order-fulfilment";

    @Produces
    @Singleton
    @Named("processedOrders")
    JdbcMessageIdRepository processedOrders(AgroalDataSource dataSource, TransactionManager transactionManager,
            UserTransaction userTransaction) {
        TransactionTemplate transactions = new TransactionTemplate(
                new JtaTransactionManager(userTransaction, transactionManager));
        // Join the caller's transaction; a lookup outside one (the early duplicate check) gets its own.
        transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, transactions, PROCESSOR_NAME);
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
