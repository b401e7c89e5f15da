package dev.junction.routetest;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.service.ServiceHelper;

/** The producer of a {@link StubbedEndpoint}: a stub answers, or the real producer (started with this one) sends. */
final class StubbedProducer extends DefaultAsyncProducer {

    private final AsyncProducer real;
    private final Endpoint realEndpoint;
    private final StubbedSends sends;

    StubbedProducer(StubbedEndpoint endpoint, AsyncProducer real, StubbedSends sends) {
        super(endpoint);
        this.real = real;
        this.realEndpoint = endpoint.getEndpoint();
        this.sends = sends;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (sends.answered(exchange, realEndpoint)) {
            callback.done(true);
            return true;
        }
        return real.process(exchange, callback);
    }

    @Override
    public boolean isSingleton() {
        return real.isSingleton();
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(real);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(real);
    }

    @Override
    protected void doShutdown() throws Exception {
        ServiceHelper.stopAndShutdownService(real);
    }
}
