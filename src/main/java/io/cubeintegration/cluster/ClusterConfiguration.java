package io.cubeintegration.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import io.cubeintegration.cube.AccountPace;
import io.cubeintegration.state.ProcessName;
import io.cubeintegration.state.StateDatabase;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster mode: with cube.state-store=jdbc the instances that share the state database form one cluster, with no
 * other setting. Their Quartz schedulers share Quartz's clustered JDBC JobStore in that database, so each trigger of a
 * feed fires on one instance, and when an instance dies the others take over its triggers and run again a trigger it
 * was running ({@code recoverableJob}). They count each other to share the account's request budget
 * ({@link ClusterMembers}). A process that runs feeds by hand ({@code --once}) keeps its schedule in memory: it never
 * registers, changes or removes the cluster's triggers.
 */
public class ClusterConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfiguration.class);
    /** The name Quartz's JobStore knows the shared pool by. */
    private static final String QUARTZ_DATA_SOURCE = "cubeState";

    @PropertyInject("camel.component.quartz.auto-start-scheduler")
    private boolean scheduled;
    @PropertyInject("cube.cluster.checkin-interval")
    private long checkinInterval;

    @Override
    public void configure(CamelContext context) throws Exception {
        StateDatabase database = context.getRegistry().lookupByNameAndType("stateDatabase", StateDatabase.class);
        if (database == null) {
            return;
        }
        AccountPace pace = context.getRegistry().lookupByNameAndType("accountPace", AccountPace.class);
        context.addService(new ClusterMembers(context, database, pace), true);
        if (!scheduled) {
            return;
        }
        if (checkinInterval < 1000) {
            throw new IllegalArgumentException("CUBE_CLUSTER_CHECKIN_INTERVAL (cube.cluster.checkin-interval) must be at least 1000 ms, not "
                    + checkinInterval);
        }
        DBConnectionManager.getInstance().addConnectionProvider(QUARTZ_DATA_SOURCE, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return database.connection();
            }

            @Override
            public void shutdown() {
                // the pool is the application's, closed when Camel stops
            }

            @Override
            public void initialize() {
                // made already
            }
        });
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        // every instance's scheduler must have the same name to form one cluster, whatever the Camel context is called
        quartz.setPrefixInstanceName(false);
        quartz.setProperties(schedulerProperties());
        LOG.info("Cluster mode: the feeds' schedules are shared by every instance on {}; this one is {}",
                database.describe(), ProcessName.get());
    }

    /** Quartz's clustered JDBC JobStore on the shared pool, as Quartz documents it for PostgreSQL. */
    private Properties schedulerProperties() {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "cube-integration");
        properties.setProperty("org.quartz.scheduler.instanceId", ProcessName.get());
        properties.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        // as many feeds at once as Quartz runs by default; each holds one pooled connection (its lease) while it runs
        properties.setProperty("org.quartz.threadPool.threadCount", "10");
        // JobStoreTX, patient with a database that is away at start
        properties.setProperty("org.quartz.jobStore.class", ClusterJobStore.class.getName());
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.setProperty("org.quartz.jobStore.dataSource", QUARTZ_DATA_SOURCE);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkinInterval));
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // back at work as soon after a database outage as the cluster notices a lost instance
        properties.setProperty("org.quartz.jobStore.dbRetryInterval", Long.toString(checkinInterval));
        properties.setProperty("org.quartz.scheduler.dbFailureRetryInterval", Long.toString(checkinInterval));
        // a trigger missed while no instance could fire it (all down, the database away) fires once when one can
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        return properties;
    }
}
