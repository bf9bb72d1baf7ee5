package io.cubeintegration.cluster;

import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cubeintegration.cube.AccountPace;
import io.cubeintegration.state.StateDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances that share the state database, as the database sees them: every second this one counts the
 * instances connected to it (each keeps a connection open, named after the schema, which ends with the process
 * however it ends) and takes its part of the account's request budget, so all together never have more requests to
 * Cube at once than {@code cube.max-concurrent-requests}. A new instance waits two counts before its first request,
 * so the others have made room for it. The same count is the state database's readiness check: DOWN, naming the
 * database and the cause, while it cannot be reached.
 */
public final class ClusterMembers extends ServiceSupport {

    static final long EVERY_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembers.class);

    private final CamelContext context;
    private final StateDatabase database;
    private final AccountPace pace;
    private final DatabaseCheck check = new DatabaseCheck();
    private ScheduledExecutorService timer;
    private volatile int instances;
    private volatile int part;
    private volatile String unreachable = "not reached yet";

    public ClusterMembers(CamelContext context, StateDatabase database, AccountPace pace) {
        this.context = context;
        this.database = database;
        this.pace = pace;
        check.setCamelContext(context);
        context.getRegistry().bind("health-" + check.getId(), check);
    }

    @Override
    protected void doStart() {
        // until it knows how many share the account, this instance asks Cube one request at a time
        pace.share(pace.accountLimit());
        pace.hold(2 * EVERY_MILLIS);
        timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "CubeClusterMembers");
        timer.scheduleWithFixedDelay(this::count, 0, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            context.getExecutorServiceManager().shutdownNow(timer);
        }
    }

    /** Counts the live instances and takes this one's part of the account's budget. */
    void count() {
        try {
            int now = database.liveInstances();
            if (unreachable != null) {
                LOG.info("State database {} is reachable", database.describe());
                unreachable = null;
            }
            if (now != instances) {
                part = pace.share(now);
                instances = now;
                LOG.info("{} instance(s) share the state database and the account's {} requests at once: this one takes {}",
                        now, pace.accountLimit(), part);
            }
        } catch (Exception e) {
            String problem = database.failure("cannot be reached", e).getMessage();
            if (!problem.equals(unreachable)) {
                LOG.warn("{}; the feeds cannot run until it is back", problem);
            }
            unreachable = problem;
        }
    }

    /** Readiness: the state database can be reached. */
    private final class DatabaseCheck extends AbstractHealthCheck {

        DatabaseCheck() {
            super("cube", "state-database");
        }

        @Override
        public boolean isLiveness() {
            return false;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            String problem = unreachable;
            builder.detail("instances", instances).detail("requests.at.once", part);
            if (problem != null) {
                builder.down().message(problem);
            } else {
                builder.up().message(instances + " instance(s) share the state database " + database.describe()
                        + "; this one may have " + part + " of the account's " + pace.accountLimit() + " requests at once");
            }
        }
    }
}
