package io.cubeintegration.cli;

import java.util.List;

import io.cubeintegration.cluster.ClusterConfiguration;
import io.cubeintegration.cube.CubeClientConfiguration;
import io.cubeintegration.cube.SecretMask;
import io.cubeintegration.enrich.EnrichmentConfiguration;
import io.cubeintegration.feed.FeedConfiguration;
import io.cubeintegration.observe.ObserveConfiguration;
import io.cubeintegration.sink.SinkConfiguration;
import io.cubeintegration.state.StateConfiguration;

/** Starts cube-integration: parses the command line and hands over to the launcher. */
public final class CubeIntegrationApplication {

    /** The configuration classes that make the application's beans, each for its package, in this order. */
    public static final List<Class<?>> CONFIGURATIONS = List.of(ObserveConfiguration.class, CubeClientConfiguration.class,
            EnrichmentConfiguration.class, FeedConfiguration.class, SinkConfiguration.class, StateConfiguration.class,
            ClusterConfiguration.class);

    private CubeIntegrationApplication() {
    }

    public static void main(String[] args) {
        // the management server serves no files: without this Vert.x leaves a vertx-cache-* folder in /tmp per start
        if (System.getProperty("vertx.disableFileCPResolving") == null) {
            System.setProperty("vertx.disableFileCPResolving", "true");
        }
        // before anything logs or prints: the secrets the environment holds are masked in every line
        SecretMask.learnFromEnvironment(System.getenv());
        System.setOut(new MaskedPrintStream(System.out));
        System.setErr(new MaskedPrintStream(System.err));
        System.exit(CubeIntegrationLauncher.launch(args));
    }
}
