package io.cubeintegration.feed;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kamelets a feed can be of, one per shape of Cube endpoint: those that take a date window and those that answer
 * the current state. A feed file's {@code templatedRoute} names one by its kamelet name ({@code routeTemplateRef}).
 */
public enum FeedKamelet {
    /** Endpoints with {@code from_date}/{@code to_date}: responses, call outcomes, SMS. */
    WINDOW("cube-window-feed"),
    /** Endpoints without dates: callflow customers, customers, campaigns. */
    SNAPSHOT("cube-snapshot-feed");

    private final String kameletName;

    FeedKamelet(String kameletName) {
        this.kameletName = kameletName;
    }

    /** The kamelet's name, as feed files name it. */
    public String kameletName() {
        return kameletName;
    }

    /** The kamelet of that name, if it is one of the feed kamelets. */
    public static Optional<FeedKamelet> ofName(String name) {
        return Arrays.stream(values()).filter(kamelet -> kamelet.kameletName.equals(name)).findFirst();
    }
}
