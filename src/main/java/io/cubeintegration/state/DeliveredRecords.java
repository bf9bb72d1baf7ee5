package io.cubeintegration.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Which record versions a feed delivered, and on which day: an open-addressing table of primitive longs, about 33
 * bytes a record, so a window of a million records fits a small heap. A record is known by the first 64 bits of its
 * id and its version by the first 64 bits of its content hash (ids and hashes are SHA-256 based, so two records
 * mistaken for one another are about as likely as 1 in 10^7 in a billion-record state).
 */
public final class DeliveredRecords {

    /** What {@link #put} returns when the record was not there. */
    public static final long ABSENT = Long.MIN_VALUE;

    private static final long EMPTY = 0L;

    private long[] keys;
    private long[] versions;
    private int[] days;
    private int size;

    public DeliveredRecords() {
        this(16);
    }

    public DeliveredRecords(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) (expected / 0.6)) - 1) << 1;
        keys = new long[capacity];
        versions = new long[capacity];
        days = new int[capacity];
    }

    /** The 64-bit key of a record id: its first 16 hex digits, or a hash of it when it is not hex. */
    public static long key(String id) {
        long key;
        try {
            key = Long.parseUnsignedLong(id.substring(0, Math.min(16, id.length())), 16);
        } catch (NumberFormatException e) {
            key = UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        }
        return key == EMPTY ? 1 : key;
    }

    /** The 64-bit version of a content hash, as {@link #key} reads an id. */
    public static long version(String contentHash) {
        long version = key(contentHash);
        return version == ABSENT ? ABSENT + 1 : version;
    }

    /** Records a version on a day; returns the version that was there, or {@link #ABSENT}. */
    public long put(long key, long version, int day) {
        if ((size + 1) > keys.length * 0.6) {
            grow();
        }
        int slot = slot(key);
        if (keys[slot] == key) {
            long before = versions[slot];
            versions[slot] = version;
            days[slot] = day;
            return before;
        }
        keys[slot] = key;
        versions[slot] = version;
        days[slot] = day;
        size++;
        return ABSENT;
    }

    /** The version delivered for this key, or {@link #ABSENT}. */
    public long version(long key) {
        int slot = slot(key);
        return keys[slot] == key ? versions[slot] : ABSENT;
    }

    public int size() {
        return size;
    }

    /** Puts every record on one day, in place. */
    public void setDay(int day) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                days[i] = day;
            }
        }
    }

    /** Forgets the records of days before this one; rebuilds the table only when there is something to forget. */
    public void forgetBefore(int day) {
        forget(recordDay -> recordDay < day);
    }

    /** Forgets the records of this day and every later one: they will be delivered again. */
    public void forgetFrom(int day) {
        forget(recordDay -> recordDay >= day);
    }

    private void forget(java.util.function.IntPredicate forgotten) {
        boolean any = false;
        for (int i = 0; i < keys.length && !any; i++) {
            any = keys[i] != EMPTY && forgotten.test(days[i]);
        }
        if (!any) {
            return;
        }
        long[] oldKeys = keys;
        long[] oldVersions = versions;
        int[] oldDays = days;
        keys = new long[oldKeys.length];
        versions = new long[oldKeys.length];
        days = new int[oldKeys.length];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY && !forgotten.test(oldDays[i])) {
                put(oldKeys[i], oldVersions[i], oldDays[i]);
            }
        }
    }

    public void clear() {
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    /** Every record: key, version, day. */
    public void forEach(Entry entry) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                entry.accept(keys[i], versions[i], days[i]);
            }
        }
    }

    @FunctionalInterface
    public interface Entry {
        void accept(long key, long version, int day);
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int slot = (int) (mix(key) & mask);
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    /** Makes room for this many records at once, so a large window grows the table once, not by doubling. */
    public void expect(long records) {
        long needed = (long) (records / 0.6) + 1;
        if (needed > keys.length && needed < (1 << 30)) {
            resize(Integer.highestOneBit((int) needed - 1) << 1);
        }
    }

    private void grow() {
        resize(keys.length * 2);
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        long[] oldVersions = versions;
        int[] oldDays = days;
        keys = new long[capacity];
        versions = new long[capacity];
        days = new int[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldVersions[i], oldDays[i]);
            }
        }
    }
}
