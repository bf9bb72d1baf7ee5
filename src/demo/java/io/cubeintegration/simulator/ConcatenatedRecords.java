package io.cubeintegration.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Runs of records served as one list, e.g. a window of days of which some are computed on demand and some changed.
 * A page finds its first run by a binary search over where the runs start, and builds only the runs it covers.
 */
final class ConcatenatedRecords implements IndexedRecords {

    private final List<IndexedRecords> runs;
    /** Where each run starts, and last the size; counted when first needed, as counting a filtered run scans it. */
    private long[] starts;

    ConcatenatedRecords(List<IndexedRecords> runs) {
        this.runs = List.copyOf(runs);
    }

    @Override
    public long size() {
        return starts()[runs.size()];
    }

    @Override
    public List<ObjectNode> slice(long from, int count) {
        long[] starts = starts();
        List<ObjectNode> records = new ArrayList<>();
        long position = Math.max(0, from);
        for (int run = runOf(position); run < runs.size() && records.size() < count; run++) {
            records.addAll(runs.get(run).slice(position - starts[run], count - records.size()));
            position = starts[run + 1];
        }
        return records;
    }

    @Override
    public Iterator<ObjectNode> iterator() {
        return new Iterator<>() {
            private int run;
            private Iterator<ObjectNode> current = runs.isEmpty() ? null : runs.get(0).iterator();

            @Override
            public boolean hasNext() {
                while (current != null && !current.hasNext()) {
                    run++;
                    current = run < runs.size() ? runs.get(run).iterator() : null;
                }
                return current != null;
            }

            @Override
            public ObjectNode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private synchronized long[] starts() {
        if (starts == null) {
            long[] counted = new long[runs.size() + 1];
            for (int run = 0; run < runs.size(); run++) {
                counted[run + 1] = counted[run] + runs.get(run).size();
            }
            starts = counted;
        }
        return starts;
    }

    /** The last run starting at or before the position, or past the last run when the position is past the end. */
    private int runOf(long position) {
        long[] starts = starts();
        if (position >= starts[runs.size()]) {
            return runs.size();
        }
        int low = 0;
        int high = runs.size() - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (starts[middle] <= position) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }
}
