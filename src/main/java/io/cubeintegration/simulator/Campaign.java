package io.cubeintegration.simulator;

import java.time.LocalDate;

/**
 * A campaign of the simulated account: it works on a contiguous range of its assignment's customers.
 *
 * @param firstCustomer the number of its first customer (1-based)
 * @param customerCount how many customers, from {@code firstCustomer} on, belong to it
 */
record Campaign(
        int id,
        String name,
        String description,
        String type,
        LocalDate startDate,
        Assignment assignment,
        int firstCustomer,
        int customerCount) {

    boolean covers(int customerNumber) {
        return customerNumber >= firstCustomer && customerNumber < firstCustomer + customerCount;
    }
}
