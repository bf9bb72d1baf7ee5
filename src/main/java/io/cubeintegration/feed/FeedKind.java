package io.cubeintegration.feed;

/** The two shapes of Cube endpoint: those that take a date window and those that answer the current state. */
public enum FeedKind {
    /** Endpoints with {@code from_date}/{@code to_date}: responses, call outcomes, SMS. */
    WINDOW,
    /** Endpoints without dates: callflow customers, customers, campaigns. */
    SNAPSHOT
}
