package io.cubeintegration.cli;

import java.time.LocalDate;
import java.util.List;

import io.cubeintegration.feed.FeedSpec;
import io.cubeintegration.feed.FeedPlanner;
import io.cubeintegration.feed.FeedSpecs;
import io.cubeintegration.feed.FeedTrigger;
import io.cubeintegration.feed.FeedWindow;
import io.cubeintegration.state.FeedLease;
import io.cubeintegration.state.FeedState;
import io.cubeintegration.state.FeedStateStore;
import io.cubeintegration.state.StateCommits;
import org.apache.camel.CamelContext;

/** {@code --reset-watermark DAY --feed ID}: moves a feed's watermark in its state store, offline, under the feed's lease. */
final class ResetWatermarkCommand {

    private ResetWatermarkCommand() {
    }

    /** Moves a feed's watermark back (or forward) in its state store, offline: Cube is not called. */
    static int run(CamelContext context, String feed, LocalDate day) {
        if (!FeedTrigger.feedIds(context).contains(feed)) {
            System.err.println("cube-integration: no feed '" + feed + "' is loaded; feeds: " + String.join(", ", FeedTrigger.feedIds(context)));
            return CubeIntegrationLauncher.FAILED;
        }
        FeedStateStore store = context.getRegistry().lookupByNameAndType("feedStateStore", FeedStateStore.class);
        FeedSpec spec = context.getRegistry().lookupByNameAndType("feedSpecs", FeedSpecs.class).find(feed).orElse(null);
        FeedPlanner planner = context.getRegistry().lookupByNameAndType("feedPlanner", FeedPlanner.class);
        // the feed's lease, so a run under way elsewhere finishes first and none starts until the states are saved
        try (FeedLease lease = store.lease(feed, FeedTrigger.leaseWait(context))) {
            // a feed over several campaigns moves each campaign's watermark
            List<String> keys = spec == null ? List.of(feed) : planner.watermarkStateKeys(spec);
            if (keys.isEmpty()) {
                System.out.printf("cube-integration: feed %s: no campaign has run yet: nothing to reset%n", feed);
            }
            for (String key : keys) {
                FeedState state = StateCommits.load(store, key, feed);
                LocalDate before = state.watermark();
                int remembered = state.delivered().size();
                state.refetchFrom(day);
                store.save(key, state);
                System.out.printf("cube-integration: feed %s: watermark %s -> %s in %s; %d delivered record versions from %s on"
                                + " forgotten; its next run fetches %s to today%n", spec != null && spec.isPartitioned() ? key : feed,
                        before == null ? "none" : FeedWindow.CUBE_DATE.format(before), FeedWindow.CUBE_DATE.format(state.watermark()),
                        store.describe(), remembered - state.delivered().size(), FeedWindow.CUBE_DATE.format(day),
                        FeedWindow.CUBE_DATE.format(day));
            }
        } catch (IllegalStateException e) {
            System.err.println("cube-integration: " + e.getMessage());
            return CubeIntegrationLauncher.FAILED;
        }
        return CubeIntegrationLauncher.OK;
    }
}
