package io.cubeintegration.sink;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.processor.aggregate.GroupedMessageAggregationStrategy;

/**
 * Gathers a page's records, in order, into one batch for the sink (one file append, one Kafka round trip per page),
 * leaving out the records that do not go to the sink: those delivered before, and those sent to the dead letters.
 */
public final class RecordBatchAggregation extends GroupedMessageAggregationStrategy {

    @Override
    public Message getValue(Exchange exchange) {
        return exchange.getProperty(OutgoingRecord.LEFT_OUT_PROPERTY) != null ? null : super.getValue(exchange);
    }
}
