package io.cubeintegration.simulator;

import java.time.LocalDate;

/**
 * A campaign of the simulated account: it works on a contiguous range of its assignment's customers, and has
 * activity from its start date to its archived date, both inclusive.
 *
 * @param archivedDate  the last day it has activity, or null while it runs
 * @param firstCustomer the number of its first customer (1-based)
 * @param customerCount how many customers, from {@code firstCustomer} on, belong to it
 */
record Campaign(
        int id,
        String name,
        String description,
        String type,
        LocalDate startDate,
        LocalDate archivedDate,
        Assignment assignment,
        int firstCustomer,
        int customerCount) {

    boolean covers(int customerNumber) {
        return customerNumber >= firstCustomer && customerNumber < firstCustomer + customerCount;
    }

    /** Whether Cube holds activity of this campaign on the day. */
    boolean runsOn(LocalDate day) {
        return !day.isBefore(startDate) && (archivedDate == null || !day.isAfter(archivedDate));
    }

    /** What {@code campaign__is_active} says on the day: archived as of that day or earlier makes it inactive. */
    boolean activeOn(LocalDate today) {
        return archivedDate == null || archivedDate.isAfter(today);
    }

    /** The same campaign, archived as of the day. */
    Campaign archivedAsOf(LocalDate day) {
        return new Campaign(id, name, description, type, startDate, day, assignment, firstCustomer, customerCount);
    }
}
