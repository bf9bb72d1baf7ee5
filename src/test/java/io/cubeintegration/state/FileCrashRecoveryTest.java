package io.cubeintegration.state;

/** Crash recovery of the file sink: exactly once, no torn file ever visible. */
class FileCrashRecoveryTest extends CrashRecoveryTestSupport {

    @Override
    String sink() {
        return "file";
    }
}
