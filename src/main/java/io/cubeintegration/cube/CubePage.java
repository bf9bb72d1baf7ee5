package io.cubeintegration.cube;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One page of records as Cube returned it, in Cube's order; {@code count} is Cube's total, or -1 for plain arrays;
 * {@code fetchedAt} is when its answer arrived. {@code offset} is how many of Cube's records on the page come before
 * {@code records}: the known ones a tail read leaves out (0 otherwise). {@code nextPage} is the page number of its
 * {@code next} link, DRF's {@code page=N}: 0 when it has no next, -1 when the link carries no page number.
 * <p>
 * A page equals only itself: Camel's bean cache hashes the body of every simple-language call on it, and a hash of
 * the page's contents would walk every record (and its customer) each time.
 */
public record CubePage(int number, URI url, long count, Instant fetchedAt, List<ObjectNode> records, int offset, int nextPage) {

    /** The same page without its first records: the known ones of a tail read. */
    CubePage after(int known, int newOffset) {
        return new CubePage(number, url, count, fetchedAt, new java.util.ArrayList<>(records.subList(known, records.size())), newOffset, nextPage);
    }

    public int size() {
        return records.size();
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
