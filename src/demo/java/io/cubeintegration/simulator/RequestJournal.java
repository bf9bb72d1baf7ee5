package io.cubeintegration.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** Every request the simulator served, with its status and when it started and finished, so tests can check what a client did. */
public final class RequestJournal {

    // a logical clock: each start and end gets a distinct tick, which orders overlapping requests exactly
    private final AtomicLong clock = new AtomicLong();
    private final List<Entry> entries = new ArrayList<>();

    /** The finished requests in arrival order. */
    public List<RecordedRequest> requests() {
        List<RecordedRequest> requests = new ArrayList<>();
        for (Entry entry : snapshot()) {
            requests.add(entry.request);
        }
        return requests;
    }

    public long count(Predicate<RecordedRequest> which) {
        return requests().stream().filter(which).count();
    }

    /** The most requests matching {@code which} that were being served at the same moment. */
    public int maxInFlight(Predicate<RecordedRequest> which) {
        List<long[]> events = new ArrayList<>();
        for (Entry entry : snapshot()) {
            if (which.test(entry.request)) {
                events.add(new long[] {entry.startTick, 1});
                events.add(new long[] {entry.endTick, -1});
            }
        }
        events.sort((a, b) -> Long.compare(a[0], b[0]));
        int inFlight = 0;
        int max = 0;
        for (long[] event : events) {
            inFlight += (int) event[1];
            max = Math.max(max, inFlight);
        }
        return max;
    }

    public void reset() {
        synchronized (entries) {
            entries.clear();
        }
    }

    /** Marks the arrival of a request; the first {@link Arrival#finish(int)} records it. */
    Arrival arrive(String method, String path, String rawQuery, Map<String, String> headers) {
        Entry entry = new Entry(clock.incrementAndGet());
        Instant received = Instant.now();
        synchronized (entries) {
            entries.add(entry);
        }
        return status -> {
            synchronized (entry) {
                if (entry.request == null) {
                    entry.endTick = clock.incrementAndGet();
                    entry.request = new RecordedRequest(method, path, rawQuery, headers, status, received);
                }
            }
        };
    }

    private List<Entry> snapshot() {
        List<Entry> finished = new ArrayList<>();
        synchronized (entries) {
            for (Entry entry : entries) {
                if (entry.request != null) {
                    finished.add(entry);
                }
            }
        }
        return finished;
    }

    /** A request being served. */
    interface Arrival {
        void finish(int status);
    }

    private static final class Entry {
        private final long startTick;
        private volatile long endTick;
        // null while the request is still being served; written after endTick
        private volatile RecordedRequest request;

        private Entry(long startTick) {
            this.startTick = startTick;
        }
    }
}
