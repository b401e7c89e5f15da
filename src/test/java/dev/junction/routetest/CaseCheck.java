package dev.junction.routetest;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;

import dev.junction.routetest.Expectations.Endpoint;

/**
 * Runs a case and checks its outcome: the whole of what a test file's case means, whoever asks (the JUnit suite, the
 * runner's own tests). Endpoint URIs in a case may use the application's {{placeholders}}.
 */
@Singleton
public class CaseCheck {

    private final CamelContext camel;
    private final CaseRunner runner;
    private final OutcomeVerifier verifier;

    public CaseCheck(CamelContext camel, CaseRunner runner, ObjectMapper mapper) {
        this.camel = camel;
        this.runner = runner;
        this.verifier = new OutcomeVerifier(mapper);
    }

    /** Returns when the case passed; throws an {@code AssertionFailedError} saying what did not match otherwise. */
    public void check(RouteTestCase testCase) throws Exception {
        RouteTestCase resolved = withPlaceholdersResolved(testCase);
        FailureReport.assertNone(verifier.verify(resolved.expect(), runner.run(resolved)));
    }

    private RouteTestCase withPlaceholdersResolved(RouteTestCase testCase) {
        List<Stub> stubs = testCase.stubs().stream()
                .map(stub -> new Stub(camel.resolvePropertyPlaceholders(stub.uri()), stub.answers())).toList();
        Expectations expect = testCase.expect();
        List<Endpoint> endpoints = expect.endpoints().stream().map(endpoint -> new Endpoint(
                camel.resolvePropertyPlaceholders(endpoint.uri()), endpoint.count(), endpoint.messages())).toList();
        return new RouteTestCase(testCase.name(), testCase.line(), testCase.routeId(), testCase.input(), stubs,
                new Expectations(expect.response(), endpoints, expect.exception(), expect.deadLetter()));
    }
}
