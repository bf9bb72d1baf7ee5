package io.cubeintegration.demo;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cubeintegration.broker.EmbeddedKafkaBroker;
import io.cubeintegration.cli.DemoServers;
import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.SimulatorSettings;

/**
 * The demo's servers: the Cube simulator on loopback, its day following the clock (as Cube's does: no record of
 * today is stamped in the future), with campaigns coming and going; and with {@code --kafka} an embedded
 * single-node Kafka broker. Points the shipped example feeds at them.
 */
public final class SimulatedCube implements DemoServers {

    private CubeSimulator simulator;
    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start(boolean kafka, boolean once) {
        simulator = CubeSimulator.start(SimulatorSettings.builder().clock(Clock.systemUTC()).campaignTurnover(true).build());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("cube.base-url", simulator.baseUrl().toString());
        settings.put("cube.allow-http", "true");
        settings.put("cube.auth-method", "token");
        settings.put("cube.token", SimulatorSettings.builder().build().token());
        // every active campaign and assignment: the example feeds run partitioned, a folder (or header) per campaign
        settings.put("cube.campaign-id", "all");
        settings.put("cube.assignment-id", "all");
        // a new feed starts with yesterday, so the demo shows a whole day and today so far at any hour
        settings.put("cube.start-date", simulator.account().today().minusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE));
        // one round at once, then the schedules
        settings.put("cube.run-at-start", "true");
        System.out.println("Demo: a Cube simulator runs at " + simulator.baseUrl() + "; the example feeds pull every active"
                + " campaign from it (CUBE_CAMPAIGN_ID=all: a folder per campaign), new feeds from yesterday on");
        if (kafka) {
            broker = EmbeddedKafkaBroker.start(3);
            settings.put("kafka.brokers", broker.bootstrapServers());
            settings.put("cube.sink", "kafka");
            if (once) {
                System.out.println("Demo: an embedded Kafka broker runs at " + broker.bootstrapServers() + " while this command runs;"
                        + " each example feed publishes to the topic cube.<feed id>. The broker stops with the command: to read the"
                        + " topics, run --demo --kafka without --once, which keeps it and prints a kcat line.");
            } else {
                System.out.println("Demo: an embedded Kafka broker runs at " + broker.bootstrapServers()
                        + "; each example feed publishes to the topic cube.<feed id>. Read one with:");
                System.out.println("  kcat -b " + broker.bootstrapServers() + " -t cube.responses -C -e -q -f '%k %h %s\\n'");
            }
        }
        return settings;
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }
}
