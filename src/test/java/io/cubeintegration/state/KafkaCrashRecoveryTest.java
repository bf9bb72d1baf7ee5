package io.cubeintegration.state;

/** Crash recovery of the Kafka sink: exactly once, a page acknowledged but not recorded is read back from the topic. */
class KafkaCrashRecoveryTest extends CrashRecoveryTestSupport {

    @Override
    String sink() {
        return "kafka";
    }
}
