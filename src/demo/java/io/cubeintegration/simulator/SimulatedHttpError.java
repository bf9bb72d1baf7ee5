package io.cubeintegration.simulator;

/** What the simulator would answer with a 4xx status: thrown by {@link SimulatedAccount#records} and served by the server. */
public final class SimulatedHttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    SimulatedHttpError(int status, String body) {
        super("HTTP " + status + ": " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** The JSON body, e.g. {@code {"detail":"Not found."}}. */
    public String body() {
        return body;
    }
}
