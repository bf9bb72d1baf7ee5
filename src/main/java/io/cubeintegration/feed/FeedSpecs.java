package io.cubeintegration.feed;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every feed the route files declare, by id, as Camel created them (each registers itself once valid): for the
 * commands that act on a feed outside its route, such as {@code --reset-watermark}, which needs the feed's state key.
 */
public final class FeedSpecs {

    private final Map<String, FeedSpec> feeds = new ConcurrentHashMap<>();

    void register(FeedSpec feed) {
        feeds.put(feed.getId(), feed);
    }

    /** Every feed declared, as last created. */
    public Collection<FeedSpec> all() {
        return List.copyOf(feeds.values());
    }

    /** The feed of this id, as last created (a reloaded file's feed replaces its earlier self). */
    public Optional<FeedSpec> find(String id) {
        return Optional.ofNullable(feeds.get(id));
    }
}
