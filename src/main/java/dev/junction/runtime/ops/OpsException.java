package dev.junction.runtime.ops;

import dev.junction.runtime.problem.ProblemException;

/**
 * A request to the operations API that is answered with an error status and a problem body, of type
 * {@code ops-<status>}.
 */
public class OpsException extends ProblemException {

    public OpsException(int status, String title, String detail) {
        super(status, "ops-" + status, title, detail);
    }
}
