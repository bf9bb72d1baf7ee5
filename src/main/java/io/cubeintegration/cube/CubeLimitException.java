package io.cubeintegration.cube;

/**
 * A run crossed one of the limits that keep a hostile or broken answer from holding a feed forever: a request's
 * deadline, an answer's size, the pages of a run or its duration. Never retried: the run fails at once, and the
 * feed's readiness turns DOWN with this message, which names the setting.
 */
public class CubeLimitException extends CubeApiException {

    public CubeLimitException(String message, Throwable cause) {
        super(message, 0, cause, false);
    }
}
