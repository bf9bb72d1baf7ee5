package io.cubeintegration.state;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared state store on a real PostgreSQL 15: two stores on two pools stand for two instances. */
class JdbcFeedStateStoreTest {

    private final TestPostgres.Database db = TestPostgres.newDatabase();
    private final List<StateDatabase> opened = new ArrayList<>();

    @AfterEach
    void closePools() {
        opened.forEach(StateDatabase::stop);
    }

    private JdbcFeedStateStore instance() {
        StateDatabase database = db.open("cube");
        opened.add(database);
        return new JdbcFeedStateStore(database, new ObjectMapper());
    }

    // What one instance saves, another reads back whole, with the committed part files of both runs.
    @Test
    void stateRoundTripsBetweenInstances() {
        JdbcFeedStateStore first = instance();
        JdbcFeedStateStore second = instance();
        FeedState state = first.load("responses");
        assertNull(state.watermark());
        state.commitWindow(records("id-1", "hash-1"), LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 20), 2, ".a.jsonl.part");
        first.save("responses", state);
        state.commitWindow(records("id-2", "hash-2"), LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 21), 2, ".b.jsonl.part");
        first.save("responses", state);

        FeedState read = second.load("responses");

        assertEquals(LocalDate.of(2026, 11, 21), read.watermark());
        assertTrue(read.wasDelivered("id-1", "hash-1") && read.wasDelivered("id-2", "hash-2"));
        assertEquals(List.of(".a.jsonl.part", ".b.jsonl.part"), read.committedParts());
    }

    // A Kafka feed's state key starts empty after a files run under the feed id; a state an earlier release kept under
    // the id alone is taken over once, saved under the new key, and the old row is left as it was.
    @Test
    void stateKeyTakesOverOnlyAnEarlierReleasesState() throws Exception {
        JdbcFeedStateStore store = instance();
        FeedState files = store.load("sms");
        files.commitWindow(records("id-1", "hash-1"), LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 20), 2, null);
        store.save("sms", files);
        assertTrue(StateCommits.load(store, "sms@cube.sms", "sms").isUnsaved(), "a files feed's state is not the topic's");

        FeedState earlier = store.load("responses");
        earlier.commitWindow(records("id-2", "hash-2"), LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 21), 2, null);
        store.save("responses", earlier);
        try (var connection = db.admin(); var update = connection.prepareStatement(
                "UPDATE cube.cube_feed_state SET state = replace(state, '\"format\":2,', '') WHERE feed_id = 'responses'")) {
            assertEquals(1, update.executeUpdate(), "the row now reads as an earlier release's");
        }
        FeedState taken = StateCommits.load(store, "responses@cube.responses", "responses");
        assertEquals(LocalDate.of(2026, 11, 21), taken.watermark());
        assertTrue(taken.wasDelivered("id-2", "hash-2"));
        store.save("responses@cube.responses", taken);
        FeedState kept = store.load("responses@cube.responses");
        assertTrue(kept.wasDelivered("id-2", "hash-2") && !kept.keyedByFeedOnly());
        assertTrue(store.load("responses").keyedByFeedOnly(), "the earlier row is left as it was");
    }

    // Two instances that loaded the same state: the first to commit wins, the second's commit fails and changes
    // nothing, and its verify and its reservation of a page before publishing fail the same way.
    @Test
    void secondCommitFromTheSameStateIsRefused() {
        JdbcFeedStateStore first = instance();
        JdbcFeedStateStore second = instance();
        first.save("customers", first.load("customers"));
        FeedState ofFirst = first.load("customers");
        FeedState ofSecond = second.load("customers");
        ofFirst.commitSnapshot(records("a", "1"), LocalDate.of(2026, 11, 24), null);
        ofSecond.commitSnapshot(records("b", "2"), LocalDate.of(2026, 11, 24), null);

        first.save("customers", ofFirst);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> second.save("customers", ofSecond));
        IllegalStateException unverified = assertThrows(IllegalStateException.class, () -> second.verify("customers", ofSecond));

        IllegalStateException unreserved = assertThrows(IllegalStateException.class,
                () -> second.reserve("customers", ofSecond, records("c", "3"), System.currentTimeMillis()));

        assertTrue(refused.getMessage().startsWith("feed customers: another instance changed its state"), refused.getMessage());
        assertEquals(refused.getMessage(), unverified.getMessage());
        assertEquals(refused.getMessage(), unreserved.getMessage());
        assertNull(second.load("customers").pending(), "a refused reservation leaves no page pending");
        assertTrue(second.load("customers").wasDelivered("a", "1"));
        assertFalse(second.load("customers").wasDelivered("b", "2"));
    }

    // A Kafka run's checkpoints are journal rows: another instance loading mid-run sees every acknowledged page, and
    // the run's final save folds them into the state row and empties the journal.
    @Test
    void checkpointsAreJournalledAndFoldedIntoTheNextSave() throws Exception {
        JdbcFeedStateStore store = instance();
        FeedState state = store.load("sms");
        store.save("sms", state);
        LocalDate day = LocalDate.of(2026, 11, 25);
        for (String id : List.of("p1", "p2", "p3")) {
            VersionTable page = records(id, "v");
            state.record(page, day);
            store.checkpoint("sms", state, page, day);
        }

        FeedState midRun = instance().load("sms");
        assertTrue(midRun.wasDelivered("p1", "v") && midRun.wasDelivered("p2", "v") && midRun.wasDelivered("p3", "v"));
        assertEquals(3, journalRows("sms"));

        state.commitWindow(records("p4", "v"), day, day, 1, null);
        store.save("sms", state);

        assertEquals(0, journalRows("sms"));
        FeedState after = instance().load("sms");
        assertEquals(4, after.delivered().size());
        assertEquals(day, after.watermark());
    }

    // One instance at a time holds a feed's lease: the other is refused with the holder named, and takes it once the
    // first lets go.
    @Test
    void leaseIsExclusiveAcrossInstancesAndNamesItsHolder() {
        JdbcFeedStateStore first = instance();
        JdbcFeedStateStore second = instance();
        FeedLease held = first.lease("responses", Duration.ZERO);

        FeedBusyException busy = assertThrows(FeedBusyException.class, () -> second.lease("responses", Duration.ofMillis(300)));
        try (FeedLease other = second.lease("calls", Duration.ZERO)) {
            other.check();
        }
        held.close();
        try (FeedLease taken = second.lease("responses", Duration.ZERO)) {
            taken.check();
        }

        assertTrue(busy.getMessage().contains("instance " + ProcessName.get()), busy.getMessage());
        assertTrue(busy.getMessage().contains("waited 0 s"), busy.getMessage());
    }

    // A lease whose connection the database ended (a restart, a network cut) is known to be lost before a commit.
    @Test
    void leaseLostWithItsConnectionIsDetected() throws Exception {
        JdbcFeedStateStore store = instance();
        FeedLease lease = store.lease("responses", Duration.ZERO);
        try (Connection admin = db.admin(); Statement sql = admin.createStatement()) {
            sql.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");
        }

        IllegalStateException lost = assertThrows(IllegalStateException.class, lease::check);
        lease.close();

        assertTrue(lost.getMessage().startsWith("feed responses: lost its lease"), lost.getMessage());
        try (FeedLease again = instance().lease("responses", Duration.ZERO)) {
            again.check();
        }
    }

    // A role that owns only its schema (PostgreSQL 15 grants no CREATE on public or on the database) migrates and
    // uses it; the tables are in that schema, not in public.
    @Test
    void roleThatOwnsOnlyItsSchemaWorks() throws Exception {
        try (Connection admin = db.admin(); Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE " + db.user() + " OWNER TO postgres");
            sql.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            sql.execute("CREATE SCHEMA integration AUTHORIZATION " + db.user());
        }
        StateDatabase database = db.open("integration");
        opened.add(database);
        JdbcFeedStateStore store = new JdbcFeedStateStore(database, new ObjectMapper());
        FeedState state = store.load("campaigns");
        state.commitSnapshot(records("c", "1"), LocalDate.of(2026, 11, 24), null);
        store.save("campaigns", state);

        assertTrue(store.load("campaigns").wasDelivered("c", "1"));
        try (Connection admin = db.admin(); Statement sql = admin.createStatement();
             ResultSet tables = sql.executeQuery("SELECT table_schema, count(*) FROM information_schema.tables"
                     + " WHERE table_name IN ('cube_feed_state', 'qrtz_triggers') GROUP BY table_schema")) {
            assertTrue(tables.next());
            assertEquals("integration", tables.getString(1));
            assertEquals(2, tables.getInt(2));
            assertFalse(tables.next());
        }
    }

    // A database that is not there: the error names it and the cause, never the password.
    @Test
    void unreachableDatabaseIsNamedWithoutItsPassword() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StateDatabase database = new StateDatabase("jdbc:postgresql://127.0.0.1:" + port + "/cube?ssl=false",
                "cube", "s3cret-password", "cube", 4, Duration.ofMillis(500));
        database.start();
        opened.add(database);

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new JdbcFeedStateStore(database, new ObjectMapper()).load("responses"));

        assertTrue(failure.getMessage().startsWith("the state database jdbc:postgresql://127.0.0.1:" + port
                + "/cube (schema cube, CUBE_STATE_JDBC_URL) cannot give feed responses its state: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("refused"), failure.getMessage());
        assertFalse(failure.getMessage().contains("s3cret"), failure.getMessage());
    }

    // A login the server refuses (here a user it does not know: the test server trusts any password): the error names
    // the database, the server's reason and the settings to check, not the password.
    @Test
    void refusedLoginNamesTheSettings() {
        StateDatabase database = new StateDatabase(db.url(), "nobody_5d2c", "not-the-pw-5d2c", "cube", 4, Duration.ofMillis(2000));
        database.start();
        opened.add(database);

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new JdbcFeedStateStore(database, new ObjectMapper()).load("responses"));

        assertTrue(failure.getMessage().contains("role \"nobody_5d2c\" does not exist"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("(check CUBE_STATE_JDBC_USER and CUBE_STATE_JDBC_PASSWORD)"), failure.getMessage());
        assertFalse(failure.getMessage().contains("not-the-pw-5d2c"), failure.getMessage());
    }

    // A password in the URL would reach Camel's start-up summary: refused, naming the URL without it.
    @Test
    void passwordInTheUrlIsRefused() {
        for (String url : List.of("jdbc:postgresql://db:5432/cube?user=cube&password=s3cret", "jdbc:postgresql://cube:s3cret@db:5432/cube")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> StateDatabase.check(url, "cube", 16));

            assertEquals("CUBE_STATE_JDBC_URL (cube.state-jdbc.url) jdbc:postgresql://db:5432/cube must not hold a password:"
                    + " set it in CUBE_STATE_JDBC_PASSWORD", refused.getMessage());
        }
    }

    private int journalRows(String feed) throws Exception {
        try (Connection admin = db.admin(); Statement sql = admin.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM cube.cube_feed_journal WHERE feed_id = '" + feed + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static VersionTable records(String id, String contentHash) {
        VersionTable records = new VersionTable();
        records.put(VersionTable.key(id), VersionTable.version(contentHash), 0);
        return records;
    }
}
