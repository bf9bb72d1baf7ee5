package io.cubeintegration.cli;

/** Starts cube-integration: parses the command line and hands over to the launcher. */
public final class CubeIntegrationApplication {

    private CubeIntegrationApplication() {
    }

    public static void main(String[] args) {
        System.exit(CubeIntegrationLauncher.launch(args));
    }
}
