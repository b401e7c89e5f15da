package dev.junction.runtime.correlation;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.engine.DefaultUnitOfWork;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.spi.UnitOfWorkFactory;

/**
 * Camel's unit of work factory, with {@link CorrelationUnitOfWork} for MDC logging; installed in place of Camel's by
 * {@link CorrelationInstaller}. Like Camel's, it follows {@code camel.main.use-mdc-logging} (on in
 * config/application.properties). {@code camel.main.mdc-logging-keys-pattern} has no effect: the unit of work carries
 * its three keys to every thread the exchange runs on by itself.
 */
class CorrelationUnitOfWorkFactory implements UnitOfWorkFactory {

    private InflightRepository inflight;
    private boolean mdcLogging;
    private boolean allowUseOriginalMessage;
    private boolean useBreadcrumb;

    @Override
    public void afterPropertiesConfigured(CamelContext camel) {
        inflight = camel.getInflightRepository();
        mdcLogging = camel.isUseMDCLogging() != null && camel.isUseMDCLogging();
        allowUseOriginalMessage = camel.isAllowUseOriginalMessage() != null && camel.isAllowUseOriginalMessage();
        useBreadcrumb = camel.isUseBreadcrumb() != null && camel.isUseBreadcrumb();
    }

    @Override
    public UnitOfWork createUnitOfWork(Exchange exchange) {
        return mdcLogging
                ? new CorrelationUnitOfWork(exchange, inflight, allowUseOriginalMessage, useBreadcrumb)
                : new DefaultUnitOfWork(exchange, inflight, allowUseOriginalMessage, useBreadcrumb);
    }
}
