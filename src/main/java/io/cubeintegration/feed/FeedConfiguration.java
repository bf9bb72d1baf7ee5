package io.cubeintegration.feed;

import java.util.List;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cubeintegration.cube.CampaignDirectory;
import io.cubeintegration.state.FeedStateStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** The feeds' kamelets, and the shared beans the feed routes call. */
public class FeedConfiguration implements CamelConfiguration {


    @BindToRegistry("feedRunLog")
    public FeedRunLog feedRunLog(CamelContext context,
                                 @PropertyInject("cube.progress-every-pages") int progressEveryPages) {
        // the listeners (metrics, readiness) are bound by the configurations listed before this one
        return new FeedRunLog(List.copyOf(context.getRegistry().findByType(FeedRunListener.class)), progressEveryPages);
    }

    @BindToRegistry("feedSpecs")
    public FeedSpecs feedSpecs() {
        return new FeedSpecs();
    }

    @BindToRegistry(value = "feedPlanner", lazy = true)
    public FeedPlanner feedPlanner(FeedStateStore feedStateStore, CampaignDirectory campaignDirectory) {
        return new FeedPlanner(feedStateStore, campaignDirectory);
    }

    @BindToRegistry(value = "triggerSteps", lazy = true)
    public TriggerSteps triggerSteps(CamelContext context, FeedPlanner feedPlanner) {
        return new TriggerSteps(List.copyOf(context.getRegistry().findByType(FeedRunListener.class)), feedPlanner);
    }

    /**
     * The threads a partitioned feed's campaigns run on, all feeds together: a bounded number at once, each waiting its
     * turn in order, while their requests share the account's one budget (cube.max-concurrent-requests).
     */
    @BindToRegistry("feedPartitionPool")
    public ExecutorService feedPartitionPool(CamelContext context, @PropertyInject("cube.partition-concurrency") int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("cube.partition-concurrency must be at least 1, not " + concurrency);
        }
        return context.getExecutorServiceManager().newFixedThreadPool(this, "CubeFeedPartition", concurrency);
    }

    @BindToRegistry(value = "recordEnvelope", lazy = true)
    public RecordEnvelope recordEnvelope(ObjectMapper cubeObjectMapper) {
        return new RecordEnvelope(cubeObjectMapper);
    }
}
