package io.cubeintegration.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to one day's list of an endpoint after Cube first held it: records filed late, edited in place or
 * deleted, each at a position of the list as it stood when the change was made. The changes are kept as steps, not as
 * the resulting list, because the generated list under them can still grow at its end (today filling up): replaying
 * the steps on the longer list keeps every position meaning what it meant and leaves the newcomers after them.
 * Immutable, so a request that took one version keeps reading it while a test makes the next change.
 */
final class DayChanges {

    static final DayChanges NONE = new DayChanges(List.of());

    private final List<Change> changes;

    private DayChanges(List<Change> changes) {
        this.changes = changes;
    }

    /** These changes followed by one more. */
    DayChanges with(Change change) {
        List<Change> more = new ArrayList<>(changes);
        more.add(change);
        return new DayChanges(List.copyOf(more));
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    int size() {
        return changes.size();
    }

    /**
     * The day's list as served: the generated records Cube holds, with the changes replayed in the order they were
     * made. A list shorter than when a change was made (a test lowering today's count) keeps what still fits: a late
     * record lands at the end, an edit or deletion past the end is skipped.
     */
    List<ObjectNode> applyTo(List<ObjectNode> generated) {
        List<ObjectNode> list = new ArrayList<>(generated);
        for (Change change : changes) {
            int position = change.position();
            if (change instanceof Filed filed) {
                list.add(Math.min(position, list.size()), filed.record().deepCopy());
            } else if (position < list.size()) {
                if (change instanceof Edited edited) {
                    list.set(position, edited.record().deepCopy());
                } else {
                    list.remove(position);
                }
            }
        }
        return list;
    }

    /** One step: a position of the day's list as it stood when the step was made. */
    sealed interface Change permits Filed, Edited, Deleted {
        int position();
    }

    /** A new record inserted at the position; every later one moves one place on. */
    record Filed(int position, ObjectNode record) implements Change {
        Filed {
            // callers keep their copy; the stored one never changes
            record = record.deepCopy();
        }
    }

    /** The record at the position replaced by its new version, which keeps its identity. */
    record Edited(int position, ObjectNode record) implements Change {
        Edited {
            record = record.deepCopy();
        }
    }

    /** The record at the position removed; every later one moves one place back. */
    record Deleted(int position) implements Change {
    }
}
