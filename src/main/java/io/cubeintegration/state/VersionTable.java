package io.cubeintegration.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.IntPredicate;

/**
 * Which record versions a feed delivered, and on which day: an open-addressing table of primitive longs, 20 bytes a
 * slot. A small table lives on the heap; from {@value #MAPPED_FROM_SLOTS} slots on (about 300,000 records) it lives
 * in a memory-mapped temporary file, so the heap stays flat however many records a window holds and the operating
 * system pages the table as it needs. A record is known by the first 64 bits of its id and its version by the first
 * 64 bits of its content hash (ids and hashes are SHA-256 based, so two records mistaken for one another are about as
 * likely as 1 in 10^7 in a billion-record state).
 */
public final class VersionTable {

    /** What {@link #put} returns when the record was not there. */
    public static final long ABSENT = Long.MIN_VALUE;

    private static final long EMPTY = 0L;
    /** Tables of this many slots and more are mapped from a temporary file instead of taking the heap. */
    static final int MAPPED_FROM_SLOTS = 1 << 19;
    private static final int MAX_SLOTS = 1 << 26;

    private Slots slots;
    private int size;

    public VersionTable() {
        this(16);
    }

    public VersionTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) (expected / 0.6)) - 1) << 1;
        slots = Slots.allocate(capacity);
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
        if ((size + 1) > slots.capacity * 0.6) {
            resize(slots.capacity * 2);
        }
        int slot = slot(key);
        if (slots.key(slot) == key) {
            long before = slots.version(slot);
            slots.set(slot, key, version, day);
            return before;
        }
        slots.set(slot, key, version, day);
        size++;
        return ABSENT;
    }

    /** The version delivered for this key, or {@link #ABSENT}. */
    public long version(long key) {
        int slot = slot(key);
        return slots.key(slot) == key ? slots.version(slot) : ABSENT;
    }

    public int size() {
        return size;
    }

    /** Puts every record on one day, in place. */
    public void setDay(int day) {
        for (int i = 0; i < slots.capacity; i++) {
            if (slots.key(i) != EMPTY) {
                slots.set(i, slots.key(i), slots.version(i), day);
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

    private void forget(IntPredicate forgotten) {
        boolean any = false;
        for (int i = 0; i < slots.capacity && !any; i++) {
            any = slots.key(i) != EMPTY && forgotten.test(slots.day(i));
        }
        if (any) {
            rebuild(slots.capacity, forgotten);
        }
    }

    public void clear() {
        rebuild(slots.capacity, day -> true);
    }

    /** Frees the table (a mapped one at once) and leaves it empty: for a run's own table once the run has ended. */
    public void release() {
        Slots old = slots;
        slots = Slots.allocate(16);
        size = 0;
        old.release();
    }

    /** Whether the table lives in a mapped file rather than on the heap. */
    boolean isMapped() {
        return slots.buffer instanceof MappedByteBuffer;
    }

    /** Every record: key, version, day. */
    public void forEach(Entry entry) {
        for (int i = 0; i < slots.capacity; i++) {
            if (slots.key(i) != EMPTY) {
                entry.accept(slots.key(i), slots.version(i), slots.day(i));
            }
        }
    }

    @FunctionalInterface
    public interface Entry {
        void accept(long key, long version, int day);
    }

    private int slot(long key) {
        int mask = slots.capacity - 1;
        int slot = (int) (mix(key) & mask);
        long there;
        while ((there = slots.key(slot)) != EMPTY && there != key) {
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
        if (needed > slots.capacity && needed <= MAX_SLOTS) {
            resize(Integer.highestOneBit((int) needed - 1) << 1);
        }
    }

    private void resize(int capacity) {
        if (capacity > MAX_SLOTS) {
            throw new IllegalStateException("more than " + (int) (MAX_SLOTS * 0.6) + " delivered records in one feed's state");
        }
        rebuild(capacity, day -> false);
    }

    /** Moves every record a predicate does not forget into a table of this capacity, and frees the old one. */
    private void rebuild(int capacity, IntPredicate forgotten) {
        Slots old = slots;
        slots = Slots.allocate(capacity);
        size = 0;
        for (int i = 0; i < old.capacity; i++) {
            long key = old.key(i);
            if (key != EMPTY && !forgotten.test(old.day(i))) {
                put(key, old.version(i), old.day(i));
            }
        }
        old.release();
    }

    /**
     * The table's columns (keys, versions, days) in one buffer: an array on the heap while small, a memory-mapped
     * temporary file once large (the file is deleted at once; the mapping lives until {@link #release()}).
     */
    private static final class Slots {
        private final int capacity;
        private final ByteBuffer buffer;
        private final int versionsAt;
        private final int daysAt;

        private Slots(int capacity, ByteBuffer buffer) {
            this.capacity = capacity;
            this.buffer = buffer;
            this.versionsAt = capacity * 8;
            this.daysAt = capacity * 16;
        }

        static Slots allocate(int capacity) {
            int bytes = capacity * 20;
            if (capacity < MAPPED_FROM_SLOTS) {
                return new Slots(capacity, ByteBuffer.allocate(bytes));
            }
            try {
                Path file = Files.createTempFile("cube-delivered-records", ".slots");
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    // a new file reads as zeros: every slot EMPTY
                    return new Slots(capacity, channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes));
                } finally {
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map a table of " + capacity + " delivered records in "
                        + System.getProperty("java.io.tmpdir"), e);
            }
        }

        long key(int slot) {
            return buffer.getLong(slot * 8);
        }

        long version(int slot) {
            return buffer.getLong(versionsAt + slot * 8);
        }

        int day(int slot) {
            return buffer.getInt(daysAt + slot * 4);
        }

        void set(int slot, long key, long version, int day) {
            buffer.putLong(slot * 8, key);
            buffer.putLong(versionsAt + slot * 8, version);
            buffer.putInt(daysAt + slot * 4, day);
        }

        /** Unmaps a mapped table now rather than whenever its buffer is collected: the file's disk space goes with it. */
        void release() {
            if (buffer instanceof MappedByteBuffer mapped) {
                UNMAP.accept(mapped);
            }
        }

        private static final java.util.function.Consumer<ByteBuffer> UNMAP = unmapper();

        private static java.util.function.Consumer<ByteBuffer> unmapper() {
            try {
                Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
                Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
                theUnsafe.setAccessible(true);
                Object unsafe = theUnsafe.get(null);
                java.lang.reflect.Method invokeCleaner = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
                return buffer -> {
                    try {
                        invokeCleaner.invoke(unsafe, buffer);
                    } catch (ReflectiveOperationException e) {
                        // left to the garbage collector
                    }
                };
            } catch (ReflectiveOperationException | RuntimeException e) {
                return buffer -> {
                    // no way to unmap at once here: the garbage collector does it
                };
            }
        }
    }
}
