package io.cubeintegration.state;

/**
 * Lets the crash tests kill the process at a moment no outside observer can catch: started with the JVM system
 * property {@code cube.crash-test.pause=<point>} (or {@code <point>:<feed id>} for one feed's), the process stops for
 * good at that point and says so, and the test kills it with SIGKILL there. Without the property (always, outside those tests) it does nothing.
 */
final class CrashTestPause {

    private CrashTestPause() {
    }

    static void at(String point, String feedId) {
        String pause = System.getProperty("cube.crash-test.pause");
        if (!point.equals(pause) && !(point + ":" + feedId).equals(pause)) {
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
