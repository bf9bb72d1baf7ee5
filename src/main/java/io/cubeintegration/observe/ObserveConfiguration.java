package io.cubeintegration.observe;

import java.time.Clock;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * What operators watch: the feeds' metrics go into the Prometheus registry that camel-micrometer-prometheus serves on
 * the management port, and the feeds' readiness checks join Camel's health checks there.
 */
public class ObserveConfiguration implements CamelConfiguration {

    @BindToRegistry("feedMetrics")
    public FeedMetrics feedMetrics(CamelContext context) {
        return new FeedMetrics(context, Clock.systemUTC());
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        FeedMetrics metrics = context.getRegistry().lookupByNameAndType("feedMetrics", FeedMetrics.class);
        FeedHealth health = context.getRegistry().lookupByNameAndType("feedHealth", FeedHealth.class);
        context.getManagementStrategy().addEventNotifier(new FeedRouteEvents(metrics, health));
    }

    @BindToRegistry("feedHealth")
    public FeedHealth feedHealth(CamelContext context,
                                 @PropertyInject("cube.health.failed-runs-before-down") int failuresBeforeDown) {
        return new FeedHealth(context, failuresBeforeDown);
    }
}
