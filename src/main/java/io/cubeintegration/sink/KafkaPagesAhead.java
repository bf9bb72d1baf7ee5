package io.cubeintegration.sink;

import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cubeintegration.state.StateCommits;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Publishes a Kafka run's pages ahead of their acknowledgements: a page's records are handed to the idempotent
 * producer in order (so per partition, and per key, Cube's order holds) and the run goes on to the next page while
 * the brokers acknowledge. At most {@code pagesAhead} pages are on their way; then, and at the run's end, the run
 * waits for every one of them and only then records them (a checkpoint). Each page is reserved before it is sent,
 * together with every page since the last checkpoint, so a run killed at any point leaves those pages pending and its
 * successor reads the topic back for them: exactly once, as with one page at a time.
 */
public final class KafkaPagesAhead {

    private final AsyncProducer publish;
    private final StateCommits states;
    private final int pagesAhead;
    private final Duration deliveryTimeout;

    /**
     * @param pagesAhead      pages on their way at most
     * @param deliveryTimeout how long the producer may take for a record before it fails it: an abort waits no longer
     */
    public KafkaPagesAhead(CamelContext context, StateCommits states, int pagesAhead, Duration deliveryTimeout) throws Exception {
        if (pagesAhead < 1) {
            throw new IllegalArgumentException("cube.kafka-pages-ahead must be at least 1, not " + pagesAhead);
        }
        this.publish = context.getEndpoint("direct:cube-kafka-publish").createAsyncProducer();
        ServiceHelper.startService(publish);
        this.states = states;
        this.pagesAhead = pagesAhead;
        this.deliveryTimeout = deliveryTimeout;
    }

    /**
     * Before a page is reserved: when {@code pagesAhead} pages are on their way, waits for them all and records them,
     * so the reservation that follows covers only what is not acknowledged yet.
     */
    public void makeRoom(@ExchangeProperty(RunOutput.PROPERTY) RunOutput run) throws Exception {
        if (run.pagesOnTheirWay().size() >= pagesAhead) {
            awaitAll(run);
            states.checkpoint(run.deliveries());
        }
    }

    /** Hands the page's batch to the producer, in order, and returns while the brokers acknowledge it. */
    public void send(Exchange page, @ExchangeProperty(RunOutput.PROPERTY) RunOutput run) {
        Exchange copy = page.copy();
        CompletableFuture<Exchange> acknowledged = new CompletableFuture<>();
        run.pagesOnTheirWay().addLast(acknowledged);
        long[] moments = run.takeMoments();
        publish.process(copy, doneSync -> {
            if (copy.getException() == null) {
                // the brokers have the page's records: consumers can read them from now on
                run.delivered(moments, Instant.now());
            }
            acknowledged.complete(copy);
        });
    }

    /** At the run's end: waits for every page on its way; a page the brokers refused fails the run. */
    public void awaitAll(@ExchangeProperty(RunOutput.PROPERTY) RunOutput run) throws Exception {
        Deque<CompletableFuture<Exchange>> pages = run.pagesOnTheirWay();
        Exception failure = null;
        while (!pages.isEmpty()) {
            Exchange sent = pages.removeFirst().get();
            if (sent.getException() != null && failure == null) {
                failure = sent.getException();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * When the run failed: lets the pages on their way finish (or the producer give up on them) before the run's end
     * is logged, so nothing of this run is sent after it; what they did stays as it is.
     */
    public void settle(@ExchangeProperty(RunOutput.PROPERTY) RunOutput run) throws InterruptedException {
        Deque<CompletableFuture<Exchange>> pages = run.pagesOnTheirWay();
        while (!pages.isEmpty()) {
            try {
                pages.removeFirst().get(deliveryTimeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the run failed already; its pages stay pending for the next run to read back
            }
        }
    }
}
