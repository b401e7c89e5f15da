package dev.junction.correlation;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.engine.DefaultUnitOfWork;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.spi.UnitOfWorkFactory;

/**
 * Camel's unit of work factory, with {@link CorrelationUnitOfWork} for MDC logging; installed in place of Camel's by
 * {@link CorrelationInstaller}. Like Camel's, it follows the context's settings:
 * {@code camel.main.use-mdc-logging} (on in config/application.properties), and
 * {@code camel.main.mdc-logging-keys-pattern}, the MDC keys Camel carries over when routing continues on another
 * thread.
 */
class CorrelationUnitOfWorkFactory implements UnitOfWorkFactory {

    private InflightRepository inflight;
    private boolean mdcLogging;
    private String mdcKeysPattern;
    private boolean allowUseOriginalMessage;
    private boolean useBreadcrumb;

    @Override
    public void afterPropertiesConfigured(CamelContext camel) {
        inflight = camel.getInflightRepository();
        mdcLogging = camel.isUseMDCLogging() != null && camel.isUseMDCLogging();
        mdcKeysPattern = camel.getMDCLoggingKeysPattern();
        allowUseOriginalMessage = camel.isAllowUseOriginalMessage() != null && camel.isAllowUseOriginalMessage();
        useBreadcrumb = camel.isUseBreadcrumb() != null && camel.isUseBreadcrumb();
    }

    @Override
    public UnitOfWork createUnitOfWork(Exchange exchange) {
        return mdcLogging
                ? new CorrelationUnitOfWork(exchange, inflight, mdcKeysPattern, allowUseOriginalMessage, useBreadcrumb)
                : new DefaultUnitOfWork(exchange, inflight, allowUseOriginalMessage, useBreadcrumb);
    }
}
