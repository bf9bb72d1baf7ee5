package io.cubeintegration.cube;

import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a read of a list Cube answered before starts when it asks only for what came after: the page that held the
 * last known record (DRF page numbers, pages of {@code pageSize}, or page 1 when the list fit on one page), the known
 * records on it, and how to tell they are still the ones read before. Anything else Cube answers there means the list
 * moved under us, and the pager reads it from page 1.
 *
 * @param page        the page to ask for first
 * @param pageSize    Cube's page size for the list, or 0 when the whole list fit on one page
 * @param knownOnPage how many records known before that page holds, first
 * @param known       the records the list held in all when it was read before
 * @param stillThere  whether the first {@code knownOnPage} records of the page are the ones read before, unchanged and in
 *                    their places
 */
public record PageTail(int page, int pageSize, int knownOnPage, long known, Predicate<List<ObjectNode>> stillThere) {
}
