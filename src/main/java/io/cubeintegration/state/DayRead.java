package io.cubeintegration.state;

import java.time.Instant;

/**
 * What the last read of one day of a window feed saw, so that the next read asks Cube only for what came after: how
 * many records the day's list held ({@code known}), Cube's page size, a fingerprint of the records of the last page
 * read (their contents in their order), and when the day was last read in full. The next read asks first for the
 * page that held the last known record and goes on only if the records known there are still there, unchanged and in
 * the same places.
 *
 * @param known       the records of the day's list when it was read, all delivered
 * @param pageSize    Cube's page size for the list; {@link #ONE_PAGE} when the whole day fit on one page (the size is
 *                    then not known), {@link #NOT_NUMBERED} when Cube's pages are not numbered as DRF numbers them,
 *                    so no page can be asked for by its number
 * @param fingerprint the fingerprint of the records of the last page, in order ({@code RecordVersions})
 * @param fullReadAt  when the last read of the whole day began
 */
public record DayRead(long known, int pageSize, String fingerprint, Instant fullReadAt) {

    /** The day's records fit on one page: its size is not known, and the tail is page 1. */
    public static final int ONE_PAGE = 0;
    /** Cube's pages had no DRF page numbers: a tail cannot be asked for. */
    public static final int NOT_NUMBERED = -1;

    /** The page that holds the last known record: where the next read starts. */
    public int lastPage() {
        return pageSize <= 0 || known == 0 ? 1 : (int) ((known + pageSize - 1) / pageSize);
    }

    /** How many known records that page holds before any new one. */
    public int knownOnLastPage() {
        return (int) (pageSize <= 0 ? known : known - (long) (lastPage() - 1) * pageSize);
    }
}
