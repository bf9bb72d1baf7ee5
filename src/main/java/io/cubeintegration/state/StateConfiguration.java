package io.cubeintegration.state;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** Where feeds keep their watermarks and delivered record versions, and hold their leases. */
public class StateConfiguration implements CamelConfiguration {

    @PropertyInject("cube.state-store")
    private String kind;
    @PropertyInject("cube.state-jdbc.url")
    private String jdbcUrl;
    @PropertyInject("cube.state-jdbc.user")
    private String jdbcUser;
    @PropertyInject("cube.state-jdbc.password")
    private String jdbcPassword;
    @PropertyInject("cube.state-jdbc.schema")
    private String jdbcSchema;
    @PropertyInject("cube.state-jdbc.pool-size")
    private int jdbcPoolSize;

    /**
     * With cube.state-store=jdbc, the database the instances of a cluster share (bound as {@code stateDatabase} for
     * the cluster's scheduler, too); it connects only when first used, so the application starts without it.
     */
    @Override
    public void configure(CamelContext context) throws Exception {
        switch (kind.trim()) {
            case "file":
                return;
            case "jdbc":
                stateDatabase(context);
                return;
            default:
                throw new IllegalArgumentException("CUBE_STATE_STORE (cube.state-store) must be file or jdbc, not '" + kind + "'");
        }
    }

    /**
     * The embedded file store, or with cube.state-store=jdbc the database that the instances share. Decided by the
     * setting, not by what is bound yet: another configuration may ask for the store before {@link #configure} ran.
     */
    @BindToRegistry(value = "feedStateStore", lazy = true)
    public FeedStateStore feedStateStore(CamelContext context,
                                         @PropertyInject("cube.state-dir") String stateDir,
                                         ObjectMapper cubeObjectMapper) {
        return "jdbc".equals(kind.trim()) ? new JdbcFeedStateStore(stateDatabase(context), cubeObjectMapper)
                : new FileFeedStateStore(Path.of(stateDir), cubeObjectMapper);
    }

    /** The one state database of this process, made and bound on first use. */
    private synchronized StateDatabase stateDatabase(CamelContext context) {
        StateDatabase database = context.getRegistry().lookupByNameAndType("stateDatabase", StateDatabase.class);
        if (database != null) {
            return database;
        }
        if (jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("cube.state-store is jdbc but CUBE_STATE_JDBC_URL (cube.state-jdbc.url) is not set");
        }
        database = new StateDatabase(jdbcUrl.trim(), jdbcUser, jdbcPassword, jdbcSchema.trim(), jdbcPoolSize);
        context.getRegistry().bind("stateDatabase", database);
        try {
            context.addService(database, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the state database service", e);
        }
        return database;
    }

    @BindToRegistry("stateCommits")
    public StateCommits stateCommits() {
        return new StateCommits();
    }
}
