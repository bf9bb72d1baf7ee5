package io.cubeintegration.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The shared state store for several instances: one row per feed in a database table, the state as JSON beside a
 * version number. A save succeeds only if the row still has the version this instance loaded (optimistic locking),
 * inside one transaction: when two instances ran the same window, the second to commit fails its run instead of
 * moving a watermark the first already moved, and its records are treated as not delivered.
 */
public final class JdbcFeedStateStore implements FeedStateStore {

    private static final String TABLE = "cube_feed_state";

    private final String url;
    private final String user;
    private final String password;
    private final FeedStateJson json;
    /** The version each feed's state had when this instance last loaded or saved it. */
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    /** Connects once to create the table if it is not there, so a wrong URL or password fails at start-up. */
    public JdbcFeedStateStore(String url, String user, String password, ObjectMapper mapper) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.json = new FeedStateJson(mapper);
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (feed_id VARCHAR(255) PRIMARY KEY, version BIGINT NOT NULL, state TEXT NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot use the state database " + describe() + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public FeedState load(String feedId) {
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement("SELECT version, state FROM " + TABLE + " WHERE feed_id = ?")) {
            select.setString(1, feedId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    versions.put(feedId, 0L);
                    return FeedState.empty();
                }
                versions.put(feedId, row.getLong(1));
                return json.read(new ByteArrayInputStream(row.getString(2).getBytes(StandardCharsets.UTF_8)));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("feed " + feedId + ": cannot read its state from " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String feedId, FeedState state) {
        long loaded = versions.getOrDefault(feedId, 0L);
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            json.write(feedId, state, out);
            String document = out.toString(StandardCharsets.UTF_8);
            int written;
            if (loaded == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + TABLE + " (feed_id, version, state) VALUES (?, 1, ?)")) {
                    insert.setString(1, feedId);
                    insert.setString(2, document);
                    written = insert.executeUpdate();
                } catch (SQLException duplicateKey) {
                    connection.rollback();
                    written = 0;
                }
            } else {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + TABLE + " SET version = version + 1, state = ? WHERE feed_id = ? AND version = ?")) {
                    update.setString(1, document);
                    update.setString(2, feedId);
                    update.setLong(3, loaded);
                    written = update.executeUpdate();
                }
            }
            if (written != 1) {
                connection.rollback();
                throw new IllegalStateException("feed " + feedId + ": another instance changed its state in " + describe()
                        + " since this run began; this run's deliveries are not recorded and its window will be fetched again");
            }
            connection.commit();
            versions.put(feedId, loaded + 1);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("feed " + feedId + ": cannot save its state to " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** The database, without user or password. */
    @Override
    public String describe() {
        int query = url.indexOf('?');
        return "table " + TABLE + " at " + (query < 0 ? url : url.substring(0, query));
    }
}
