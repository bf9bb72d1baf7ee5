package io.cubeintegration.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The state store of a cluster: one row per feed in {@code cube_feed_state} of the {@link StateDatabase}, the state as
 * JSON beside a version number, and a Kafka run's checkpoints as rows of {@code cube_feed_journal}. A feed's lease is a
 * PostgreSQL advisory lock held on a connection of its own for the whole trigger, so one instance at a time runs a
 * feed, and the lock goes with the instance however it ends. Behind the lease, every write is checked against the
 * version this instance loaded (optimistic locking, in one transaction): a write on a state another instance changed
 * fails and changes nothing.
 */
public final class JdbcFeedStateStore implements FeedStateStore {

    private final StateDatabase database;
    private final FeedStateJson json;

    public JdbcFeedStateStore(StateDatabase database, ObjectMapper mapper) {
        this.database = database;
        this.json = new FeedStateJson(mapper);
    }

    @Override
    public FeedLease lease(String feedId, Duration wait) {
        long key = database.lockKey(feedId);
        long deadline = System.nanoTime() + wait.toNanos();
        Connection connection;
        try {
            connection = database.connection();
        } catch (SQLException | RuntimeException e) {
            throw database.failure("cannot give feed " + feedId + " its lease", e);
        }
        try {
            while (true) {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    lock.setLong(1, key);
                    try (ResultSet row = lock.executeQuery()) {
                        row.next();
                        if (row.getBoolean(1)) {
                            return new AdvisoryLease(feedId, connection, key);
                        }
                    }
                }
                if (System.nanoTime() - deadline >= 0) {
                    String holder = database.lockHolder(connection, key);
                    connection.close();
                    throw new FeedBusyException(feedId, holder, "in " + database.describe(), wait);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw database.failure("cannot give feed " + feedId + " its lease", e);
        } catch (InterruptedException e) {
            closeQuietly(connection);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("feed " + feedId + ": interrupted while waiting for its lease", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the connection is gone already
        }
    }

    /** A session advisory lock on a pooled connection kept for the lease's length; unlocked before it goes back. */
    private final class AdvisoryLease implements FeedLease {
        private final String feedId;
        private final Connection connection;
        private final long key;

        AdvisoryLease(String feedId, Connection connection, long key) {
            this.feedId = feedId;
            this.connection = connection;
            this.key = key;
        }

        /** Synchronized: a partitioned feed's campaigns commit from several threads on the lease's one connection. */
        @Override
        public synchronized void check() {
            boolean held;
            try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND pid = pg_backend_pid() AND granted AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1")) {
                select.setLong(1, key >>> 32);
                select.setLong(2, key & 0xFFFF_FFFFL);
                try (ResultSet row = select.executeQuery()) {
                    held = row.next() && row.getInt(1) == 1;
                }
            } catch (SQLException e) {
                held = false;
            }
            if (!held) {
                throw new IllegalStateException("feed " + feedId + ": lost its lease: the connection to the state database "
                        + database.describe() + " that held it dropped; this run commits nothing and its window is fetched again");
            }
        }

        @Override
        public void close() {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, key);
                unlock.execute();
                connection.close();
            } catch (SQLException e) {
                // a connection that cannot unlock must not go back to the pool holding the lock: end it, and the lock
                database.evict(connection);
            }
        }
    }

    @Override
    public FeedState load(String feedId) {
        try (Connection connection = database.connection()) {
            FeedState state;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT version, state, pending, pending_since FROM cube_feed_state WHERE feed_id = ?")) {
                select.setString(1, feedId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return FeedState.empty();
                    }
                    long version = row.getLong(1);
                    state = json.read(new ByteArrayInputStream(row.getString(2).getBytes(StandardCharsets.UTF_8)), feedId);
                    state.version(version);
                    byte[] pending = row.getBytes(3);
                    if (pending != null) {
                        state.pending(new FeedState.PendingPage(JournalEntries.read(new ByteArrayInputStream(pending)), row.getLong(4)));
                    }
                }
            }
            try (PreparedStatement journal = connection.prepareStatement(
                    "SELECT entries FROM cube_feed_journal WHERE feed_id = ? ORDER BY version")) {
                journal.setString(1, feedId);
                try (ResultSet rows = journal.executeQuery()) {
                    while (rows.next()) {
                        try (InputStream entries = rows.getBinaryStream(1)) {
                            JournalEntries.replay(entries, state);
                        }
                    }
                }
            }
            return state;
        } catch (SQLException | IOException | RuntimeException e) {
            throw database.failure("cannot give feed " + feedId + " its state", e);
        }
    }

    @Override
    public void save(String feedId, FeedState state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            json.write(feedId, state, out);
        } catch (IOException e) {
            throw new IllegalStateException("feed " + feedId + ": cannot write its state as JSON: " + e.getMessage(), e);
        }
        String document = out.toString(StandardCharsets.UTF_8);
        inTransaction(feedId, state, connection -> {
            if (state.version() == 0) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cube_feed_state"
                        + " (feed_id, version, state, saved_at, saved_by) VALUES (?, 1, ?, now(), ?) ON CONFLICT (feed_id) DO NOTHING")) {
                    insert.setString(1, feedId);
                    insert.setString(2, document);
                    insert.setString(3, ProcessName.get());
                    return insert.executeUpdate() == 1;
                }
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE cube_feed_state SET version = version + 1,"
                    + " state = ?, pending = NULL, pending_since = NULL, saved_at = now(), saved_by = ? WHERE feed_id = ? AND version = ?")) {
                update.setString(1, document);
                update.setString(2, ProcessName.get());
                update.setString(3, feedId);
                update.setLong(4, state.version());
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            // the row now holds every checkpoint
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM cube_feed_journal WHERE feed_id = ?")) {
                delete.setString(1, feedId);
                delete.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public void checkpoint(String feedId, FeedState state, VersionTable added, LocalDate day) {
        if (state.version() == 0) {
            // nothing to append to yet: the first checkpoint writes the row
            save(feedId, state);
            return;
        }
        ByteBuffer entries = JournalEntries.plain(added, day);
        inTransaction(feedId, state, connection -> {
            if (!bump(connection, feedId, state, null, 0)) {
                return false;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO cube_feed_journal (feed_id, version, entries) VALUES (?, ?, ?)")) {
                insert.setString(1, feedId);
                insert.setLong(2, state.version() + 1);
                insert.setBytes(3, entries.array());
                insert.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public void reserve(String feedId, FeedState state, VersionTable page, long sinceMillis) {
        if (state.version() == 0) {
            save(feedId, state);
        }
        byte[] entries = JournalEntries.plain(page, LocalDate.EPOCH).array();
        inTransaction(feedId, state, connection -> bump(connection, feedId, state, entries, sinceMillis));
    }

    /** Moves the row to its next version, if it still has this state's, setting or clearing the pending page. */
    private static boolean bump(Connection connection, String feedId, FeedState state, byte[] pending, long pendingSince)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE cube_feed_state SET version = version + 1,"
                + " pending = ?, pending_since = ?, saved_at = now(), saved_by = ? WHERE feed_id = ? AND version = ?")) {
            update.setBytes(1, pending);
            if (pending == null) {
                update.setNull(2, java.sql.Types.BIGINT);
            } else {
                update.setLong(2, pendingSince);
            }
            update.setString(3, ProcessName.get());
            update.setString(4, feedId);
            update.setLong(5, state.version());
            return update.executeUpdate() == 1;
        }
    }

    @Override
    public void verify(String feedId, FeedState state) {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT version FROM cube_feed_state WHERE feed_id = ?")) {
            select.setString(1, feedId);
            try (ResultSet row = select.executeQuery()) {
                long now = row.next() ? row.getLong(1) : 0;
                if (now != state.version()) {
                    throw changed(feedId);
                }
            }
        } catch (SQLException e) {
            throw database.failure("cannot check feed " + feedId + "'s state", e);
        }
    }

    private IllegalStateException changed(String feedId) {
        return new IllegalStateException("feed " + feedId + ": another instance changed its state in " + database.describe()
                + " since this run began; this run's deliveries are not recorded and its window will be fetched again");
    }

    @FunctionalInterface
    private interface Write {
        /** Returns false when the version check failed. */
        boolean apply(Connection connection) throws SQLException;
    }

    /** One write in one transaction, committed only when its version check held; the state's version follows. */
    private void inTransaction(String feedId, FeedState state, Write write) {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            boolean written = false;
            try {
                written = write.apply(connection);
            } finally {
                if (written) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            }
            if (!written) {
                throw changed(feedId);
            }
            state.version(state.version() + 1);
        } catch (SQLException e) {
            throw database.failure("cannot save feed " + feedId + "'s state", e);
        }
    }

    /** The database, without user or password. */
    @Override
    public String describe() {
        return "state database " + database.describe();
    }
}
