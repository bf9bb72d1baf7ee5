package io.cubeintegration.cli;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.feed.Delivered;
import io.cubeintegration.simulator.RecordedRequest;
import io.cubeintegration.simulator.SimulatorSettings;
import io.cubeintegration.sink.KafkaTestBroker;
import io.cubeintegration.state.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A poll costs Cube what changed, through the public contract: the shipped responses feed (enriched, look-back 1) run
 * with {@code --once} as each scheduled poll runs, on one state, over yesterday and today (3,100 and 3,000 responses,
 * 50 a page, an assignment of 4,500 customers). Cube changes between the polls as it does: responses arrive at the
 * end of today, are filed late in the middle of both days, edited in place, removed, and served in an unstable order;
 * after each, what the poll delivered is compared record by record with what Cube holds, and its requests counted.
 */
class TailReadsTest extends ApplicationProcessTestSupport {

    private static final int PER_DAY = 3100;
    private static final int TODAY_FIRST = 3000;
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private LocalDate today;
    private LocalDate yesterday;
    private final List<String> deliveredSoFar = new ArrayList<>();

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().today(LocalDate.now(OSLO)).responsesPerDay(PER_DAY).customersPerAssignment(4500).build();
    }

    // Files, one instance: a poll with nothing new costs at most 4 requests (the start-up check included) and none
    // about customers; 100 new responses cost at most 14; late filings are delivered at the next poll, an edit in
    // place by a full read, a removal, late filings under an unstable order; in the end every record Cube holds was
    // delivered exactly once in its current version.
    @Test
    void aPollCostsWhatChanged() throws Exception {
        Map<String, String> environment = environment();
        Supplier<List<String>> delivered = () -> output.lines("responses");
        assertFirstPollThenAnIdleOne(environment, delivered, 1);

        cube.account().responsesSoFarToday(PER_DAY);
        Poll hundred = poll(environment, delivered, 1);
        assertExactly(hundred, expected(today).subList(TODAY_FIRST, PER_DAY), "the 100 new at the end of today");
        assertTrue(hundred.requests().size() <= 14, "100 new responses: " + hundred.requests());

        ObjectNode lateToday = cube.account().fileResponseLate(926, today, 1500);
        ObjectNode lateYesterday = cube.account().fileResponseLate(926, yesterday, 700);
        Poll late = poll(environment, delivered, 1);
        assertExactly(late, Delivered.lines(Delivered.enriched(cube, List.of(lateYesterday, lateToday), 240)), "the two filed late");
        assertTrue(late.output().contains("reading the day in full"), late.output());

        ObjectNode edited = cube.account().editResponse(926, today, 10);
        Poll tailOnly = poll(environment, delivered, 1);
        assertExactly(tailOnly, List.of(), "a tail read cannot see an edit in place");
        Map<String, String> everyPoll = new HashMap<>(environment);
        everyPoll.put("CUBE_RECONCILE_INTERVAL", "0");
        Poll reconciled = poll(everyPoll, delivered, 1);
        assertExactly(reconciled, Delivered.lines(Delivered.enriched(cube, List.of(edited), 240)), "the edit, by a full read");

        cube.account().deleteResponse(926, today, 5);
        Poll deleted = poll(environment, delivered, 1);
        assertExactly(deleted, List.of(), "a removed record: nothing to deliver");
        // the known records end on a page Cube no longer has: the list moved, the day is read in full
        assertTrue(deleted.output().contains("reading the day in full"), deleted.output());

        assertLateFilingsUnderAnUnstableOrder(environment, delivered, 1);
        assertEveryCurrentRecordOnce(delivered);
    }

    // Kafka, and a cluster of two instances on one PostgreSQL, each poll both at once: the same costs, the same records
    // exactly once in the topic; an edit with a removal by a full read, late filings under an unstable order.
    @Test
    void onKafkaInAClusterOfTwo() throws Exception {
        String topicPrefix = "t" + System.nanoTime() + ".";
        TestPostgres.Database database = TestPostgres.newDatabase();
        Map<String, String> environment = environment();
        environment.putAll(database.environment());
        environment.put("CUBE_SINK", "kafka");
        environment.put("CUBE_TOPIC_PREFIX", topicPrefix);
        environment.put("KAFKA_BROKERS", KafkaTestBroker.bootstrapServers());
        Supplier<List<String>> delivered = () -> KafkaTestBroker.readValues(topicPrefix + "responses", deliveredSoFar.size());
        assertFirstPollThenAnIdleOne(environment, delivered, 2);

        cube.account().responsesSoFarToday(PER_DAY);
        Poll hundred = poll(environment, delivered, 2);
        assertExactly(hundred, expected(today).subList(TODAY_FIRST, PER_DAY), "the 100 new at the end of today");
        assertTrue(hundred.requests().size() <= 14 + 3, "100 new responses, and the other instance's idle poll: " + hundred.requests());

        // an edit and a removal in one interval (one poll fewer: the files test has them apart)
        ObjectNode edited = cube.account().editResponse(926, yesterday, 100);
        cube.account().deleteResponse(926, today, 0);
        Map<String, String> everyPoll = new HashMap<>(environment);
        everyPoll.put("CUBE_RECONCILE_INTERVAL", "0");
        assertExactly(poll(everyPoll, delivered, 2), Delivered.lines(Delivered.enriched(cube, List.of(edited), 240)),
                "the edit, by a full read; the removal, nothing");

        assertLateFilingsUnderAnUnstableOrder(environment, delivered, 2);
        assertEveryCurrentRecordOnce(delivered);
    }

    /**
     * The first poll delivers both days of 3,000 responses; the next, with nothing new, costs each instance at most 4
     * requests (its start-up check included) and none about customers.
     */
    private void assertFirstPollThenAnIdleOne(Map<String, String> environment, Supplier<List<String>> delivered,
                                              int instances) throws Exception {
        today = cube.account().today();
        yesterday = today.minusDays(1);
        cube.account().responsesSoFarToday(TODAY_FIRST);

        Poll first = poll(environment, delivered, instances);
        assertExactly(first, concat(expected(yesterday), expected(today)), "the first poll: both days");

        Poll idle = poll(environment, delivered, instances);
        assertExactly(idle, List.of(), "nothing new");
        assertTrue(idle.requests().size() <= 4 * instances, "an idle poll of each instance, start-up checks included: " + idle.requests());
        assertEquals(0, idle.count("/customers"), "an idle poll asks nothing about customers: " + idle.requests());
    }

    /**
     * Records filed late while Cube serves its days in an unstable order: a full read may miss one whose place moved
     * between two pages, so the polls go on until both are there; each arrives once.
     */
    private void assertLateFilingsUnderAnUnstableOrder(Map<String, String> environment, Supplier<List<String>> delivered,
                                                       int instances) throws Exception {
        cube.account().unstableOrder(true);
        ObjectNode lateToday = cube.account().fileResponseLate(926, today, 1200);
        ObjectNode lateYesterday = cube.account().fileResponseLate(926, yesterday, 40);
        List<String> late = Delivered.lines(Delivered.enriched(cube, List.of(lateYesterday, lateToday), 240));
        List<String> newLines = new ArrayList<>();
        for (int round = 0; round < 4 && !newLines.containsAll(late); round++) {
            newLines.addAll(poll(environment, delivered, instances).lines());
        }
        cube.account().unstableOrder(false);
        assertEquals(late.stream().sorted().toList(), newLines.stream().sorted().toList(), "the two filed late, each once");
    }

    /** One poll: {@code instances} processes of {@code --once --feed responses} at once; what they delivered and asked. */
    private Poll poll(Map<String, String> environment, Supplier<List<String>> delivered, int instances) throws Exception {
        assumeTrue(LocalDate.now(OSLO).equals(today), "Oslo's day turned during the test: its days are not the application's");
        int before = cube.journal().requests().size();
        List<CompletableFuture<ApplicationProcess.Result>> runs = new ArrayList<>();
        for (int instance = 0; instance < instances; instance++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ApplicationProcess.run(workDir, environment, "--once", "--feed", "responses");
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        StringBuilder output = new StringBuilder();
        for (CompletableFuture<ApplicationProcess.Result> run : runs) {
            ApplicationProcess.Result result = run.join();
            assertEquals(0, result.exitCode(), result.output());
            output.append(result.output());
        }
        List<RecordedRequest> all = cube.journal().requests();
        List<String> now = delivered.get();
        // what this poll added: everything now less everything before, line by line (a topic's order is per partition)
        List<String> lines = new ArrayList<>(now);
        for (String earlier : deliveredSoFar) {
            assertTrue(lines.remove(earlier), "what was delivered stays: " + earlier);
        }
        deliveredSoFar.clear();
        deliveredSoFar.addAll(now);
        return new Poll(lines, all.subList(before, all.size()).stream().map(request -> request.path() + "?" + request.rawQuery()).toList(),
                output.toString());
    }

    /** What one poll delivered, the requests Cube saw meanwhile, and what the processes printed. */
    private record Poll(List<String> lines, List<String> requests, String output) {
        long count(String path) {
            return requests.stream().filter(request -> request.contains(path)).count();
        }
    }

    private static void assertExactly(Poll poll, List<String> expected, String what) {
        assertEquals(expected.stream().sorted().toList(), poll.lines().stream().sorted().toList(),
                what + " (requests " + poll.requests().size() + ")");
    }

    /** Every record Cube holds now, of both days, was delivered exactly once in its current version; nothing twice. */
    private void assertEveryCurrentRecordOnce(Supplier<List<String>> delivered) {
        List<String> lines = delivered.get();
        Map<String, Integer> times = new LinkedHashMap<>();
        lines.forEach(line -> times.merge(line, 1, Integer::sum));
        times.forEach((line, count) -> assertEquals(1, count, "delivered " + count + " times: " + line));
        for (String current : concat(expected(yesterday), expected(today))) {
            assertTrue(times.containsKey(current), "not delivered in its current version: " + current);
        }
    }

    private List<String> expected(LocalDate day) {
        List<ObjectNode> responses = cube.account().records("campaigns/926/responses/", Delivered.window(day, day));
        return Delivered.lines(Delivered.enriched(cube, responses, 240));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    /** The shipped feed files, pointed at the simulator's campaign 926, new feeds from yesterday on. */
    private Map<String, String> environment() {
        Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), ApplicationEnvironment.SHIPPED_FEEDS);
        environment.put("CUBE_START_DATE", LocalDate.now(OSLO).minusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE));
        return environment;
    }
}
