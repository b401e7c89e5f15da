package dev.junction.runtime.deadletter;

import java.sql.SQLException;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * A failure the database reports as a data exception (SQLState class 22: a number out of range, a string too long,
 * an invalid value): the same message fails the same way on every attempt, so it is dead-lettered at once instead of
 * holding its lane through the redeliveries while the records behind it wait.
 */
final class UnstorableData implements Predicate {

    private static final String DATA_EXCEPTION_CLASS = "22";

    @Override
    public boolean matches(Exchange exchange) {
        for (Throwable cause = exchange.getException(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(DATA_EXCEPTION_CLASS)) {
                return true;
            }
        }
        return false;
    }
}
