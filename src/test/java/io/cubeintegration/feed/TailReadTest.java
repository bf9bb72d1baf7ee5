package io.cubeintegration.feed;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.simulator.SimulatedAccount;
import io.cubeintegration.simulator.SimulatorSettings;
import io.cubeintegration.state.DayRead;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A day's tail read, page by page against the simulator (ten responses a page): it asks for the page of the last
 * known record and goes on with next only when Cube's list grew at its end; every other change Cube can make (a late
 * filing before that page, a removal, a page no longer there, another page size) reads the day in full, saying why.
 */
class TailReadTest extends CubeFeedTestSupport {

    private static final int PAGE_SIZE = 10;

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().pageSize("responses", PAGE_SIZE).responsesPerDay(125).build();
    }

    @Override
    protected void writeRouteFiles() {
        writeRouteFile("tail.yaml", FeedYaml.feed("cube-window-feed", "tail", "campaigns/926/responses/"));
        writeRouteFile("enriched.yaml", FeedYaml.feed("cube-window-feed", "enriched", "campaigns/926/responses/",
                "enrich", "true", "enrichPlan", "bulk", "assignmentId", "240"));
    }

    // A poll after a bulk run indexes nothing again: the kept index serves (within the reconcile interval), and only
    // the customers it lacks (Cube's list has none for them: 404) are asked for one by one.
    @Test
    void aKeptIndexServesTheNextPolls() {
        SimulatedAccount account = simulator.account();
        account.responsesSoFarToday(95);
        FeedRun first = run("enriched");
        account.responsesSoFarToday(125);
        long before = simulator.journal().count(request -> request.path().contains("/customers/"));

        FeedRun second = run("enriched");

        List<ObjectNode> fresh = Delivered.responsesOfToday(simulator).subList(95, 125);
        long missing = fresh.stream().map(response -> response.get("crm_customer_id").asLong()).distinct()
                .filter(id -> account.customer(240, id).isEmpty()).count();
        assertTrue(first.enrichment().customerListPages() > 0, "the first run indexed the list");
        assertEquals(0, second.enrichment().customerListPages(), "the second ran on the kept index");
        assertEquals(missing, simulator.journal().count(request -> request.path().contains("/customers/")) - before,
                "only the customers the index lacks are asked for");
        assertEquals(Delivered.lines(Delivered.enriched(simulator, fresh, 240)),
                output.files("enriched").stream().skip(1).flatMap(file -> OutputFolder.readLines(file).stream()).toList(), "the second run's file");
    }

    // Records arriving at the end: one request for the known last page, then its next pages; only the new are delivered.
    @Test
    void growthAtTheEndCostsItsPagesOnly() {
        SimulatedAccount account = simulator.account();
        account.responsesSoFarToday(95);
        FeedRun first = run("tail");
        account.responsesSoFarToday(125);
        long before = requests();

        FeedRun second = run("tail");

        assertEquals("full", first.readMode());
        assertEquals("first-read", first.readReason());
        assertEquals("tail", second.readMode());
        assertEquals(4, requests() - before, "page 10 (5 known, 5 new), then pages 11 to 13");
        assertEquals(30, second.records());
        assertEquals(0, second.duplicates(), "the known records are not read again");
        assertEquals(Delivered.lines(Delivered.responsesOfToday(simulator)), output.lines("tail"));
        assertEquals(new DayRead(125, PAGE_SIZE, second.dayRead().fingerprint(), first.dayRead().fullReadAt()), second.dayRead());
    }

    // Nothing new: one request, nothing delivered, no file.
    @Test
    void nothingNewCostsOneRequest() {
        run("tail");
        long before = requests();

        FeedRun idle = run("tail");

        assertEquals("tail", idle.readMode());
        assertEquals(1, requests() - before);
        assertEquals(0, idle.records());
        assertEquals(1, output.files("tail").size());
    }

    // A record filed late on an earlier page moves the known ones: the day is read in full and only it is delivered.
    @Test
    void aLateFilingReadsTheDayInFull() {
        run("tail");
        ObjectNode late = simulator.account().fileResponseLate(926, simulator.account().today(), 33);

        FeedRun again = run("tail");

        assertEquals("full", again.readMode());
        assertEquals("page-changed", again.readReason());
        assertEquals(1, again.records());
        assertEquals(125, again.duplicates());
        assertTrue(output.lines("tail").contains(Delivered.line(late)));
        assertEquals(Delivered.lines(Delivered.responsesOfToday(simulator)).stream().sorted().toList(),
                output.lines("tail").stream().sorted().toList());
    }

    // A removal shrinks Cube's count; the last known page may be gone (404): either way the day is read in full.
    @Test
    void aRemovalReadsTheDayInFull() {
        LocalDate today = simulator.account().today();
        run("tail");
        simulator.account().deleteResponse(926, today, 3);
        FeedRun shrunk = run("tail");
        simulator.account().responsesSoFarToday(120);
        simulator.account().deleteResponse(926, today, 0);
        FeedRun gone = run("tail");

        assertEquals(List.of("full", "count-shrank"), List.of(shrunk.readMode(), shrunk.readReason()));
        assertEquals(List.of("full", "page-missing"), List.of(gone.readMode(), gone.readReason()));
        assertEquals(0, shrunk.records() + gone.records(), "a removal delivers nothing");
    }

    // An edit in place on the last known page changes it: read in full, the new version delivered.
    @Test
    void anEditOnTheLastPageReadsTheDayInFull() {
        run("tail");
        ObjectNode edited = simulator.account().editResponse(926, simulator.account().today(), 121);

        FeedRun again = run("tail");

        assertEquals("page-changed", again.readReason());
        assertEquals(1, again.records());
        List<String> lines = new ArrayList<>(output.lines("tail"));
        assertTrue(lines.contains(Delivered.line(edited)), "the new version");
    }

    private long requests() {
        return simulator.journal().count(request -> request.path().endsWith("/responses/"));
    }
}
