package io.cubeintegration.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import io.cubeintegration.state.DayRead;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When a poll reads only a day's tail, and when the whole day: the rules of cube.reconcile-interval. */
class ReadPolicyTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 5);
    private static final Instant NOON = DAY.atTime(12, 0).atZone(OSLO).toInstant();
    private static final ReadPolicy HOURLY = new ReadPolicy(Duration.ofHours(1));

    private static DayRead readAt(Instant fullReadAt) {
        return new DayRead(3000, 50, "f", fullReadAt);
    }

    // A day read in full less than an interval ago is read by its tail.
    @Test
    void withinTheIntervalTheTailDoes() {
        assertEquals(ReadPolicy.Plan.TAIL, HOURLY.plan(DAY, readAt(NOON.minusSeconds(3599)), OSLO, NOON, false));
    }

    // An interval after the last full read, the day is read in full again.
    @Test
    void anIntervalLaterTheDayIsReadInFull() {
        assertEquals(ReadPolicy.Plan.full("reconcile"), HOURLY.plan(DAY, readAt(NOON.minusSeconds(3600)), OSLO, NOON, false));
    }

    // Once the day has ended, it is read in full once more, then by its tail again.
    @Test
    void anEndedDayIsReadInFullOnceMore() {
        Instant lastMinute = DAY.atTime(23, 59).atZone(OSLO).toInstant();
        Instant afterMidnight = DAY.plusDays(1).atTime(0, 1).atZone(OSLO).toInstant();
        assertEquals(ReadPolicy.Plan.full("day-ended"), HOURLY.plan(DAY, readAt(lastMinute), OSLO, afterMidnight, false));
        assertEquals(ReadPolicy.Plan.TAIL, HOURLY.plan(DAY, readAt(afterMidnight), OSLO, afterMidnight.plusSeconds(60), false));
    }

    // 0 reads every day in full at every poll; a first read, a backfill and pages without numbers are full reads too.
    @Test
    void fullReadsWhereNoTailCanServe() {
        assertEquals(ReadPolicy.Plan.full("every-poll"), new ReadPolicy(Duration.ZERO).plan(DAY, readAt(NOON), OSLO, NOON, false));
        assertEquals(ReadPolicy.Plan.full("first-read"), HOURLY.plan(DAY, null, OSLO, NOON, false));
        assertEquals(ReadPolicy.Plan.full("backfill"), HOURLY.plan(DAY, readAt(NOON), OSLO, NOON, true));
        assertEquals(ReadPolicy.Plan.full("not-numbered"),
                HOURLY.plan(DAY, new DayRead(10, DayRead.NOT_NUMBERED, "f", NOON), OSLO, NOON, false));
    }

    // The setting takes Camel's durations and ISO-8601 ones, and names itself when it is none.
    @Test
    void reconcileIntervalsAreDurations() {
        assertEquals(Duration.ofHours(1), io.cubeintegration.cube.ReconcileInterval.parse("1h"));
        assertEquals(Duration.ofMinutes(15), io.cubeintegration.cube.ReconcileInterval.parse("15m"));
        assertEquals(Duration.ofMinutes(90), io.cubeintegration.cube.ReconcileInterval.parse("1h30m"));
        assertEquals(Duration.ofHours(2), io.cubeintegration.cube.ReconcileInterval.parse("PT2H"));
        assertEquals(Duration.ZERO, io.cubeintegration.cube.ReconcileInterval.parse("0"));
        IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> io.cubeintegration.cube.ReconcileInterval.parse("hourly"));
        assertEquals("cube.reconcile-interval (CUBE_RECONCILE_INTERVAL) 'hourly' is not a duration such as 1h, 15m or 0", wrong.getMessage());
    }
}
