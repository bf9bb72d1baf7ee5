package io.cubeintegration.feed;

/** The two shapes of Cube endpoint: those that take a date window and those that answer the current state. */
public enum FeedKind {
    /** Endpoints with {@code from_date}/{@code to_date}: responses, call outcomes, SMS. */
    WINDOW("cube-window-feed"),
    /** Endpoints without dates: callflow customers, customers, campaigns. */
    SNAPSHOT("cube-snapshot-feed");

    private final String template;

    FeedKind(String template) {
        this.template = template;
    }

    /** The name of the template (kamelet) of this kind. */
    public String template() {
        return template;
    }

    /** The kind of a template, if it is one of the feed templates. */
    public static java.util.Optional<FeedKind> ofTemplate(String template) {
        return java.util.Arrays.stream(values()).filter(kind -> kind.template.equals(template)).findFirst();
    }
}
