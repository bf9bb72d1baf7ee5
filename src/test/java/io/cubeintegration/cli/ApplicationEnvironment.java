package io.cubeintegration.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.cubeintegration.simulator.CubeSimulator;

/**
 * The environment a test starts the application's JVM with, as an operator sets it: the Cube it reads, the token, the
 * feed files. A map the test adds its own settings to; {@link ApplicationProcess} lets none of the test's own leak in.
 */
public final class ApplicationEnvironment {

    /** The feed files the project ships (routes/); they read their campaign and assignment from the environment. */
    public static final Path SHIPPED_FEEDS = Path.of("routes").toAbsolutePath();

    private ApplicationEnvironment() {
    }

    /** On the simulator, with this token and these feed files; the shipped feeds' campaign and assignment are its defaults. */
    public static Map<String, String> of(CubeSimulator cube, String token, Path routes) {
        Map<String, String> environment = of(cube.baseUrl().toString(), token, routes);
        environment.put("CUBE_CAMPAIGN_ID", Integer.toString(cube.account().defaultCampaignId()));
        environment.put("CUBE_ASSIGNMENT_ID", Integer.toString(cube.account().defaultAssignmentId()));
        return environment;
    }

    /** On a server of the test's at {@code baseUrl}, over http on loopback, with this token and these feed files. */
    public static Map<String, String> of(String baseUrl, String token, Path routes) {
        Map<String, String> environment = new HashMap<>();
        environment.put("CUBE_BASE_URL", baseUrl);
        environment.put("CUBE_ALLOW_HTTP", "true");
        environment.put("CUBE_TOKEN", token);
        environment.put("CUBE_ROUTES", routes.toString());
        return environment;
    }
}
