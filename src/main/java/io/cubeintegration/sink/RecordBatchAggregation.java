package io.cubeintegration.sink;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.processor.aggregate.GroupedMessageAggregationStrategy;

/**
 * Gathers a page's records, in order, into one batch for the sink (one file append, one Kafka round trip per page),
 * leaving out the records that went to the dead letters.
 */
public final class RecordBatchAggregation extends GroupedMessageAggregationStrategy {

    /** Exchange property set on a record that went to the dead letters. */
    public static final String DEAD_LETTER_PROPERTY = "CubeDeadLetter";

    @Override
    public Message getValue(Exchange exchange) {
        return exchange.getProperty(DEAD_LETTER_PROPERTY, false, Boolean.class) ? null : super.getValue(exchange);
    }
}
