package io.cubeintegration.observe;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import io.cubeintegration.cube.CubeApiException;
import io.cubeintegration.cube.CubeLimitException;
import io.cubeintegration.cube.LogSafe;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.feed.FeedRunListener;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness as the feeds see it: one check per feed, DOWN while its last run failed on authentication (HTTP 401 or
 * 403) or crossed a limit on answers and runs ({@link CubeLimitException}), or its last runs kept failing, with the feed and the reason in the message; and one for the Cube credentials
 * the application tried at start-up. None of them is a liveness check: restarting cannot mend a token. The checks are
 * beans in Camel's registry, where Camel's health-check registry finds them (camel.health.registry-enabled).
 */
public final class FeedHealth implements FeedRunListener {

    static final String GROUP = "cube";

    private final int failuresBeforeDown;
    private final Map<String, FeedCheck> feeds = new ConcurrentSkipListMap<>();
    private final CredentialsCheck credentials = new CredentialsCheck();
    private final CamelContext context;

    /** @param failuresBeforeDown how many runs in a row must fail (other than on authentication or a limit) before DOWN */
    public FeedHealth(CamelContext context, int failuresBeforeDown) {
        if (failuresBeforeDown < 1) {
            throw new IllegalArgumentException("cube.health.failed-runs-before-down must be at least 1, not " + failuresBeforeDown);
        }
        this.context = context;
        this.failuresBeforeDown = failuresBeforeDown;
        enlist(credentials);
    }

    private void enlist(AbstractHealthCheck check) {
        check.setCamelContext(context);
        context.getRegistry().bind("health-" + check.getId(), check);
    }

    @Override
    public void runFinished(FeedRun run) {
        FeedCheck check = feeds.computeIfAbsent(run.feedId(), this::newCheck);
        if (run.isSucceeded()) {
            check.succeeded(run.getFinishedAt());
            // a run that Cube answered proves the credentials, whatever the start-up check saw
            credentials.accepted();
        } else {
            check.failed(run.failure());
        }
    }

    /** A feed's route started: its check is there from now on, UP until a run says otherwise. */
    public void feedStarted(String feed) {
        feeds.computeIfAbsent(feed, this::newCheck);
    }

    /** A feed's route was removed (its file deleted or edited): its check goes, whatever it said. */
    public void feedRemoved(String feed) {
        if (feeds.remove(feed) != null) {
            context.getRegistry().unbind("health-feed:" + feed);
        }
    }

    /** The start-up check's finding: null when Cube accepted the credentials, else why not. */
    public void credentialsChecked(String refusal) {
        if (refusal == null) {
            credentials.accepted();
        } else {
            credentials.refused(refusal);
        }
    }

    private FeedCheck newCheck(String feed) {
        FeedCheck check = new FeedCheck(feed);
        enlist(check);
        return check;
    }

    /** Whether a failure is Cube refusing our credentials. */
    static boolean isAuthentication(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CubeApiException api && (api.status() == 401 || api.status() == 403)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a run stopped at one of the limits on answers and runs: a hung or hostile Cube, not a passing fault. */
    static boolean isLimit(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CubeLimitException) {
                return true;
            }
        }
        return false;
    }

    /** Readiness only: a check whose DOWN should take the instance out of service, not restart it. */
    private abstract static class ReadinessCheck extends AbstractHealthCheck {
        ReadinessCheck(String id) {
            super(GROUP, id);
        }

        @Override
        public boolean isLiveness() {
            return false;
        }
    }

    private final class FeedCheck extends ReadinessCheck {
        private final String feed;
        private int failuresInARow;
        /** Why the last run's failure turns readiness DOWN at once (credentials refused, a limit crossed), or null. */
        private String downAtOnce;
        private String lastFailure;
        private Instant lastSuccess;

        FeedCheck(String feed) {
            super("feed:" + feed);
            this.feed = feed;
        }

        synchronized void succeeded(Instant at) {
            failuresInARow = 0;
            downAtOnce = null;
            lastFailure = null;
            lastSuccess = at;
        }

        synchronized void failed(Throwable failure) {
            failuresInARow++;
            downAtOnce = isAuthentication(failure) ? "failed on authentication" : isLimit(failure) ? "crossed a limit" : null;
            lastFailure = failure == null ? "unknown" : LogSafe.failure(failure);
        }

        @Override
        protected synchronized void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            builder.detail("feed", feed).detail("failed.runs.in.a.row", failuresInARow);
            if (lastSuccess != null) {
                builder.detail("last.success", lastSuccess.toString());
            }
            if (downAtOnce != null) {
                builder.down().message("feed " + feed + ": the last run " + downAtOnce + ": " + lastFailure);
            } else if (failuresInARow >= failuresBeforeDown) {
                builder.down().message("feed " + feed + ": the last " + failuresInARow + " runs failed; the last: " + lastFailure);
            } else if (failuresInARow > 0) {
                builder.up().message("feed " + feed + ": the last run failed (" + failuresInARow + " of "
                        + failuresBeforeDown + " before DOWN): " + lastFailure);
            } else if (lastSuccess == null) {
                builder.up().message("feed " + feed + ": no run yet");
            } else {
                builder.up().message("feed " + feed + ": the last run succeeded at " + lastSuccess);
            }
        }
    }

    private static final class CredentialsCheck extends ReadinessCheck {
        private volatile String refusal;

        CredentialsCheck() {
            super("cube-credentials");
        }

        void accepted() {
            refusal = null;
        }

        void refused(String why) {
            refusal = why;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            String why = refusal;
            if (why == null) {
                builder.up();
            } else {
                builder.down().message(why);
            }
        }
    }
}
