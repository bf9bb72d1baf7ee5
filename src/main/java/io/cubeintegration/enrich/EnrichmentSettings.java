package io.cubeintegration.enrich;

/**
 * How a feed finds each record's customer, as its route file says: the record's field holding the customer id, the
 * paths of one customer and of an assignment's customer list, the list's field to match on, and the plan.
 *
 * @param plan         auto, bulk (index the assignment's customer list) or lookup (one request per customer)
 * @param campaignId   the campaign whose assignment is looked up when the feed names none, or null
 * @param assignmentId the feed's own assignment, or null to look it up from the campaigns list
 * @param indexReuse   how many runs an index of the customer list serves, this one included: the polls of the feed's
 *                     schedule within the reconcile interval, or 1 for a run by hand
 */
public record EnrichmentSettings(String feedId, String plan, String customerIdField, String customerPath,
                                 String customerListPath, String customerKeyField, Integer campaignId,
                                 Integer assignmentId, long indexReuse) {

    /** The lookup path of one customer, its placeholders filled. */
    public String customerPath(int assignment, long customer) {
        return customerPath.replace("{assignment_id}", Integer.toString(assignment))
                .replace("{customer_id}", Long.toString(customer));
    }

    /** The path of the assignment's customer list, its placeholder filled. */
    public String customerListPath(int assignment) {
        return customerListPath.replace("{assignment_id}", Integer.toString(assignment));
    }

    /** Whether either customer path names the assignment, which the run must then know. */
    boolean needsAssignment() {
        return customerPath.contains("{assignment_id}") || customerListPath.contains("{assignment_id}");
    }
}
