package io.cubeintegration.cli;

import io.cubeintegration.cube.SecretMask;

/** Starts cube-integration: parses the command line and hands over to the launcher. */
public final class CubeIntegrationApplication {

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
