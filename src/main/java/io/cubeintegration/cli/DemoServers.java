package io.cubeintegration.cli;

import java.util.Map;

/**
 * What {@code --demo} runs the feeds against: a Cube simulator (and with {@code --kafka} a Kafka broker) of the demo
 * build, which ships beside the application (target/demo), never in it or its image. Found by Java's service loader.
 */
public interface DemoServers extends AutoCloseable {

    /**
     * Starts the servers and says how to reach them.
     *
     * @param kafka a Kafka broker too
     * @param once  the demo runs once and ends (its broker with it)
     * @return the settings that point the shipped feeds at them, overriding the configuration
     */
    Map<String, String> start(boolean kafka, boolean once);

    @Override
    void close();
}
