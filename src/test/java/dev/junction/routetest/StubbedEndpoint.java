package dev.junction.routetest;

import java.io.IOException;
import java.util.Map;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.DelegateEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.PollingConsumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;

/**
 * An endpoint as the application registered it, with a producer that lets the running case's stubs answer first.
 * Everything else is the real endpoint's: its URI, its consumers (routes start and consume as they always do), its
 * lifecycle.
 */
final class StubbedEndpoint implements DelegateEndpoint {

    private final Endpoint real;
    private final StubbedSends sends;

    StubbedEndpoint(Endpoint real, StubbedSends sends) {
        this.real = real;
        this.sends = sends;
    }

    @Override
    public Endpoint getEndpoint() {
        return real;
    }

    @Override
    public Producer createProducer() throws Exception {
        return createAsyncProducer();
    }

    @Override
    public AsyncProducer createAsyncProducer() throws Exception {
        return new StubbedProducer(this, real.createAsyncProducer(), sends);
    }

    @Override
    public boolean isSingletonProducer() {
        return real.isSingletonProducer();
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        return real.createConsumer(processor);
    }

    @Override
    public PollingConsumer createPollingConsumer() throws Exception {
        return real.createPollingConsumer();
    }

    @Override
    public String getEndpointUri() {
        return real.getEndpointUri();
    }

    @Override
    public String getEndpointBaseUri() {
        return real.getEndpointBaseUri();
    }

    @Override
    public String getEndpointKey() {
        return real.getEndpointKey();
    }

    @Override
    public ExchangePattern getExchangePattern() {
        return real.getExchangePattern();
    }

    @Override
    public Exchange createExchange() {
        return real.createExchange();
    }

    @Override
    public Exchange createExchange(ExchangePattern pattern) {
        return real.createExchange(pattern);
    }

    @Override
    public void configureExchange(Exchange exchange) {
        real.configureExchange(exchange);
    }

    @Override
    public CamelContext getCamelContext() {
        return real.getCamelContext();
    }

    @Override
    public void setCamelContext(CamelContext context) {
        real.setCamelContext(context);
    }

    @Override
    public void configureProperties(Map<String, Object> options) {
        real.configureProperties(options);
    }

    @Override
    public boolean isLenientProperties() {
        return real.isLenientProperties();
    }

    @Override
    public boolean isSingleton() {
        return real.isSingleton();
    }

    @Override
    public Component getComponent() {
        return real.getComponent();
    }

    @Override
    public void setComponent(Component component) {
        real.setComponent(component);
    }

    @Override
    public void build() {
        real.build();
    }

    @Override
    public void init() {
        real.init();
    }

    @Override
    public void start() {
        real.start();
    }

    @Override
    public void stop() {
        real.stop();
    }

    @Override
    public void close() throws IOException {
        real.close();
    }

    @Override
    public String toString() {
        return real.toString();
    }
}
