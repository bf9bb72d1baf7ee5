package io.cubeintegration.state;

/**
 * Lets the crash tests kill the process at a moment no outside observer can catch: started with the JVM system
 * property {@code cube.crash-test.pause=<point>}, the process stops for good at that point and says so, and the test
 * kills it with SIGKILL there. Without the property (always, outside those tests) it does nothing.
 */
final class CrashTestPause {

    private CrashTestPause() {
    }

    static void at(String point) {
        if (!point.equals(System.getProperty("cube.crash-test.pause"))) {
            return;
        }
        System.out.println("cube-integration: paused at " + point + " for a crash test");
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // only SIGKILL ends this
            }
        }
    }
}
