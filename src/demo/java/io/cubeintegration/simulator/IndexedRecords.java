package io.cubeintegration.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/** The records of a paged endpoint, computed from their position so that serving one page never builds the rest. */
interface IndexedRecords {

    long size();

    /** Up to {@code count} records starting at position {@code from}. */
    List<ObjectNode> slice(long from, int count);

    Iterator<ObjectNode> iterator();

    /** Records computed straight from their index. */
    static IndexedRecords of(long size, LongFunction<ObjectNode> record) {
        return new IndexedRecords() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public List<ObjectNode> slice(long from, int count) {
                List<ObjectNode> records = new ArrayList<>();
                for (long index = Math.max(0, from); index < size && records.size() < count; index++) {
                    records.add(record.apply(index));
                }
                return records;
            }

            @Override
            public Iterator<ObjectNode> iterator() {
                return new Iterator<>() {
                    private long next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public ObjectNode next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        return record.apply(next++);
                    }
                };
            }
        };
    }

    /**
     * Records that exist only as a list (a day that changed, or one served in a shuffled order), built when a page or
     * an iteration first reaches them and not before, since their number is known without building them.
     *
     * @param size how many records {@code list} builds
     */
    static IndexedRecords listed(long size, Supplier<List<ObjectNode>> list) {
        return new IndexedRecords() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public List<ObjectNode> slice(long from, int count) {
                long first = Math.max(0, from);
                if (first >= size || count <= 0) {
                    return new ArrayList<>();
                }
                List<ObjectNode> all = list.get();
                return new ArrayList<>(all.subList((int) first, (int) Math.min(all.size(), first + count)));
            }

            @Override
            public Iterator<ObjectNode> iterator() {
                return new Iterator<>() {
                    private Iterator<ObjectNode> built;

                    @Override
                    public boolean hasNext() {
                        if (built == null) {
                            built = size == 0 ? List.<ObjectNode>of().iterator() : list.get().iterator();
                        }
                        return built.hasNext();
                    }

                    @Override
                    public ObjectNode next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        return built.next();
                    }
                };
            }
        };
    }

    /**
     * The records among {@code size} candidates whose index passes {@code matches}. A filter is a cheap test on the
     * index, so counting and seeking scan indexes without building records.
     */
    static IndexedRecords filtered(long size, LongPredicate matches, LongFunction<ObjectNode> record) {
        return new IndexedRecords() {
            private long matchCount = -1;

            @Override
            public synchronized long size() {
                if (matchCount < 0) {
                    long found = 0;
                    for (long index = 0; index < size; index++) {
                        if (matches.test(index)) {
                            found++;
                        }
                    }
                    matchCount = found;
                }
                return matchCount;
            }

            @Override
            public List<ObjectNode> slice(long from, int count) {
                List<ObjectNode> records = new ArrayList<>();
                long seen = 0;
                for (long index = 0; index < size && records.size() < count; index++) {
                    if (matches.test(index)) {
                        if (seen >= from) {
                            records.add(record.apply(index));
                        }
                        seen++;
                    }
                }
                return records;
            }

            @Override
            public Iterator<ObjectNode> iterator() {
                return new Iterator<>() {
                    private long candidate = advance(0);

                    @Override
                    public boolean hasNext() {
                        return candidate < size;
                    }

                    @Override
                    public ObjectNode next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        ObjectNode next = record.apply(candidate);
                        candidate = advance(candidate + 1);
                        return next;
                    }

                    private long advance(long from) {
                        long index = from;
                        while (index < size && !matches.test(index)) {
                            index++;
                        }
                        return index;
                    }
                };
            }
        };
    }
}
