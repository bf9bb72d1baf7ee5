package io.cubeintegration.cli;

/** Starts cube-integration: parses the command line and hands over to the launcher. */
public final class CubeIntegrationApplication {

    private CubeIntegrationApplication() {
    }

    public static void main(String[] args) {
        // the management server serves no files: without this Vert.x leaves a vertx-cache-* folder in /tmp per start
        if (System.getProperty("vertx.disableFileCPResolving") == null) {
            System.setProperty("vertx.disableFileCPResolving", "true");
        }
        System.exit(CubeIntegrationLauncher.launch(args));
    }
}
