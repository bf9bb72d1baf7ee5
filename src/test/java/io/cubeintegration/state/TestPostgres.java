package io.cubeintegration.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 15 for the tests, from its Maven binaries: one server for every test of this JVM, each test in a
 * database of its own owned by a role of its own; or a server of a test's own that it can stop and start again.
 */
public final class TestPostgres {

    private static EmbeddedPostgres shared;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres shared() {
        if (shared == null) {
            try {
                shared = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    shared.close();
                } catch (IOException ignored) {
                    // the JVM ends anyway
                }
            }));
        }
        return shared;
    }

    /** A new database on the shared server, owned by a new role with a password. */
    public static Database newDatabase() {
        return create(shared().getPort());
    }

    /** A new database on a server at this port, owned by a new role with a password. */
    public static Database create(int port) {
        int number = DATABASES.incrementAndGet();
        String name = "cube_test_" + ProcessHandle.current().pid() + "_" + number;
        String password = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        String admin = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
            sql.execute("CREATE DATABASE " + name + " OWNER " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make a test database: " + e.getMessage(), e);
        }
        return new Database("jdbc:postgresql://127.0.0.1:" + port + "/" + name, name, password);
    }

    /** A server of a test's own, on a data folder it keeps, so the test can stop it and start it again. */
    public static EmbeddedPostgres startOwn(Path dataDirectory, int port) {
        try {
            return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a test PostgreSQL on port " + port, e);
        }
    }

    /** A test database and the credentials of its owner. */
    public record Database(String url, String user, String password) {

        /** The settings that point an application process at this database. */
        public Map<String, String> environment() {
            Map<String, String> environment = new HashMap<>();
            environment.put("CUBE_STATE_STORE", "jdbc");
            environment.put("CUBE_STATE_JDBC_URL", url);
            environment.put("CUBE_STATE_JDBC_USER", user);
            environment.put("CUBE_STATE_JDBC_PASSWORD", password);
            return environment;
        }

        /** A connection as the database's superuser, for a test to look at or change what it must. */
        public Connection admin() throws SQLException {
            return DriverManager.getConnection(url, "postgres", "");
        }

        /** The application's own database, in a schema of the given name. */
        public StateDatabase open(String schema) {
            StateDatabase database = new StateDatabase(url, user, password, schema, 8);
            database.start();
            return database;
        }
    }
}
