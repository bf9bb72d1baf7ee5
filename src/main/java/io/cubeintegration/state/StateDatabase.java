package io.cubeintegration.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cubeintegration.cube.SecretMask;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database that the instances of a cluster share: one HikariCP pool that serves the feeds' state,
 * their leases and Quartz's clustered JobStore, all in one schema ({@code cube.state-jdbc.schema}), whose tables
 * Flyway creates and migrates ({@code db/cube-state}: Quartz's own DDL, then ours). The pool starts without a
 * connection, so an instance starts while the database is away; the first use migrates, and every failure names the
 * database (never its user or password) and the cause.
 */
public final class StateDatabase extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(StateDatabase.class);
    /** What every instance's connections call themselves, so each can count the live ones. */
    private static final String CLIENT_PREFIX = "cube-integration/";

    private final HikariDataSource pool;
    private final String schema;
    private final String location;
    private volatile boolean migrated;
    /** The last failure to reach the database before it was ever reached: callers other than a retry fail at once. */
    private volatile IllegalStateException unreachable;

    /**
     * @param poolSize connections at most: one per feed running at once (its lease), and a few for Quartz and the state
     */
    public StateDatabase(String url, String user, String password, String schema, int poolSize) {
        this(url, user, password, schema, poolSize, Duration.ofSeconds(5));
    }

    /** @param connectionTimeout how long a run waits for a connection before it fails */
    StateDatabase(String url, String user, String password, String schema, int poolSize, Duration connectionTimeout) {
        check(url, schema, poolSize);
        this.schema = schema;
        this.location = withoutSecrets(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("cube-state");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setSchema(schema);
        config.setMaximumPoolSize(poolSize);
        // one connection stays open: it is how the other instances see this one (see liveInstances)
        config.setMinimumIdle(1);
        // start without the database; a run that needs it and cannot reach it fails within this time
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.addDataSourceProperty("ApplicationName", clientName());
        config.addDataSourceProperty("connectTimeout", "10");
        config.addDataSourceProperty("socketTimeout", "120");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        this.pool = new HikariDataSource(config);
    }

    /**
     * The state database settings' own rules, the same for start-up and {@code --validate}: a PostgreSQL URL that holds
     * no password (the password belongs in CUBE_STATE_JDBC_PASSWORD, which no log line shows), a plain schema name, a
     * pool large enough for the scheduler.
     */
    public static void check(String url, String schema, int poolSize) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("CUBE_STATE_JDBC_URL (cube.state-jdbc.url) must be a PostgreSQL URL,"
                    + " jdbc:postgresql://HOST:PORT/DATABASE, not " + withoutSecrets(url));
        }
        if (url.toLowerCase(Locale.ROOT).contains("password=") || url.matches("jdbc:postgresql://[^/@]*:[^/@]*@.*")) {
            throw new IllegalArgumentException("CUBE_STATE_JDBC_URL (cube.state-jdbc.url) " + withoutSecrets(url)
                    + " must not hold a password: set it in CUBE_STATE_JDBC_PASSWORD");
        }
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("CUBE_STATE_JDBC_SCHEMA (cube.state-jdbc.schema) '" + schema
                    + "' must be a lower-case SQL name: letters, digits, '_'");
        }
        if (poolSize < 4) {
            throw new IllegalArgumentException("CUBE_STATE_JDBC_POOL_SIZE (cube.state-jdbc.pool-size) must be at least 4, not " + poolSize);
        }
    }

    /** The URL without its query (which may hold a password) and without user information. */
    static String withoutSecrets(String url) {
        int query = url.indexOf('?');
        String bare = query < 0 ? url : url.substring(0, query);
        return bare.replaceFirst("//[^/@]*@", "//");
    }

    /** This instance's name as its connections show it in pg_stat_activity. */
    private String clientName() {
        return CLIENT_PREFIX + schema + " " + ProcessName.get();
    }

    /**
     * A connection in the schema, after the migrations ran. While the database has not been reached yet and the last
     * try failed, this fails at once with that failure: only {@link #liveInstances()}, asked every second, tries
     * again, so nothing else queues up behind the connection timeout.
     */
    public Connection connection() throws SQLException {
        migrate(false);
        return pool.getConnection();
    }

    /** The pool, for Quartz's JobStore; its connections are good only once {@link #migrate()} ran. */
    public DataSource dataSource() {
        return pool;
    }

    /** Ends a connection for good instead of returning it to the pool. */
    void evict(Connection connection) {
        pool.evictConnection(connection);
    }

    /**
     * Creates or migrates the tables, once per process; several instances starting together take turns. Fails with
     * the last failure to reach the database when there is one, as {@link #connection()} does.
     */
    public void migrate() {
        migrate(false);
    }

    private void migrate(boolean tryAgain) {
        if (migrated) {
            return;
        }
        IllegalStateException known = unreachable;
        if (known != null && !tryAgain) {
            throw again(known);
        }
        synchronized (this) {
            known = unreachable;
            if (migrated) {
                return;
            }
            if (known != null && !tryAgain) {
                throw again(known);
            }
            try {
                var result = Flyway.configure(StateDatabase.class.getClassLoader())
                        .dataSource(pool)
                        .schemas(schema)
                        .locations("classpath:db/cube-state")
                        // a schema that already holds the tables of an earlier version (public, say) is taken as it is
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .load()
                        .migrate();
                if (result.migrationsExecuted > 0) {
                    LOG.info("State database {}: {} migration(s) applied, schema {} now at version {}", location,
                            result.migrationsExecuted, schema, result.targetSchemaVersion);
                }
                migrated = true;
                unreachable = null;
            } catch (RuntimeException e) {
                unreachable = failure("cannot prepare its tables", e);
                throw unreachable;
            }
        }
    }

    /** The same failure, thrown anew from here. */
    private static IllegalStateException again(IllegalStateException known) {
        return new IllegalStateException(known.getMessage(), known.getCause());
    }

    /** How many instances of this schema are connected now, this one included (at least 1). */
    public int liveInstances() throws SQLException {
        migrate(true);
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT count(DISTINCT application_name) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND application_name LIKE ?")) {
            select.setString(1, CLIENT_PREFIX + schema + " %");
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return Math.max(1, row.getInt(1));
            }
        }
    }

    /** Who holds an advisory lock of this key, as far as pg_stat_activity tells: the instance's name and address. */
    String lockHolder(Connection connection, long key) {
        try (PreparedStatement select = connection.prepareStatement("SELECT a.application_name, host(a.client_addr)"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
                + " AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1")) {
            select.setLong(1, key >>> 32);
            select.setLong(2, key & 0xFFFF_FFFFL);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return "an instance that has just let go";
                }
                String name = row.getString(1);
                String address = row.getString(2);
                String instance = name != null && name.startsWith(CLIENT_PREFIX) ? name.substring(name.indexOf(' ') + 1) : name;
                return "instance " + instance + (address == null ? "" : " at " + address);
            }
        } catch (SQLException e) {
            return "another instance";
        }
    }

    /** An advisory lock key of this schema: instances of two schemas in one database never share a lease. */
    long lockKey(String name) {
        return ((long) ("cube-integration:" + schema).hashCode() << 32) | (name.hashCode() & 0xFFFF_FFFFL);
    }

    /** A failure to use the database, naming it and the deepest cause that says something. */
    public IllegalStateException failure(String doing, Exception e) {
        String cause = cause(e);
        return new IllegalStateException("the state database " + describe() + " " + doing + ": " + cause + settingsToCheck(cause), e);
    }

    /** The settings behind a refusal the server explains: the login, or the rights on the schema. */
    private String settingsToCheck(String cause) {
        String text = cause.toLowerCase(Locale.ROOT);
        if (text.contains("authentication failed") || text.contains("no password") || text.contains("role") && text.contains("does not exist")) {
            return " (check CUBE_STATE_JDBC_USER and CUBE_STATE_JDBC_PASSWORD)";
        }
        if (text.contains("permission denied")) {
            return " (the user must own schema " + schema + ": CREATE SCHEMA " + schema + " AUTHORIZATION <user>)";
        }
        return "";
    }

    /** The innermost message of a failure: the pool wraps the driver's "Connection refused" in its own timeout. */
    static String cause(Throwable failure) {
        String message = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        return message == null ? failure.getClass().getSimpleName() : SecretMask.mask(message.strip());
    }

    /** The database and schema, for log lines and errors: no user, no password. */
    public String describe() {
        return location + " (schema " + schema + ", CUBE_STATE_JDBC_URL)";
    }

    public String schema() {
        return schema;
    }

    @Override
    protected void doStop() {
        pool.close();
    }

    @Override
    public String toString() {
        return "state database " + location.toLowerCase(Locale.ROOT);
    }
}
