package io.cubeintegration.observe;

import io.cubeintegration.feed.FeedTrigger;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.RouteEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;

/**
 * Camel's route events, as the feeds' metrics and checks need them: a feed whose route starts gets its meters at zero
 * and its readiness check; a feed whose route is removed (a feed file edited or deleted while running) loses its
 * check, so a feed that is gone cannot hold readiness DOWN.
 */
final class FeedRouteEvents extends SimpleEventNotifierSupport {

    private final FeedMetrics metrics;
    private final FeedHealth health;

    FeedRouteEvents(FeedMetrics metrics, FeedHealth health) {
        this.metrics = metrics;
        this.health = health;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event.getType() == CamelEvent.Type.RouteStarted || event.getType() == CamelEvent.Type.RouteRemoved;
    }

    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof RouteEvent routeEvent) || !FeedTrigger.isFeed(routeEvent.getRoute())) {
            return;
        }
        String feed = routeEvent.getRoute().getRouteId();
        if (event.getType() == CamelEvent.Type.RouteStarted) {
            metrics.feedStarted(feed);
            health.feedStarted(feed);
        } else {
            health.feedRemoved(feed);
        }
    }
}
