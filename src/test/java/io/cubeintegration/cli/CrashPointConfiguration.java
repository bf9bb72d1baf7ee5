package io.cubeintegration.cli;

import io.cubeintegration.state.FeedStateStore;
import io.cubeintegration.state.PausingFeedStateStore;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;

/**
 * Test code only, found by Camel Main's scan of this package in the application JVMs the tests start (their class
 * path holds the test classes): with {@code -Dcube.crash-test.pause=<point>} the feeds' state store is wrapped in a
 * {@link PausingFeedStateStore}, which parks the run at that point for the test to kill the process there.
 */
@Configuration
public class CrashPointConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        String pause = System.getProperty("cube.crash-test.pause");
        if (pause == null) {
            return;
        }
        FeedStateStore store = context.getRegistry().lookupByNameAndType("feedStateStore", FeedStateStore.class);
        if (store == null) {
            throw new IllegalStateException("no feedStateStore to put the crash-test pause in front of");
        }
        // the store is bound lazily, as a supplier, which would win over a second binding of the name
        context.getRegistry().unbind("feedStateStore");
        context.getRegistry().bind("feedStateStore", new PausingFeedStateStore(store, pause));
    }
}
