package io.cubeintegration.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * {@code --demo}: the shipped example feeds against the demo's servers (a Cube simulator, and with {@code --kafka} a
 * Kafka broker), which the build puts beside the application in {@code target/demo/}, never in its jar or image; the
 * feeds run once at start-up and then on their schedules (or once, with {@code --once}).
 */
final class Demo implements AutoCloseable {

    /** The demo build's folder, beside the application's jar. */
    private static final String FOLDER = "demo";

    private final DemoServers servers;
    private final Map<String, String> settings;

    private Demo(DemoServers servers, Map<String, String> settings) {
        this.servers = servers;
        this.settings = settings;
    }

    /** Nothing to start: the command line asked for no demo. */
    static Demo none() {
        return new Demo(null, Map.of());
    }

    /**
     * Starts the demo's servers.
     *
     * @throws IllegalStateException when this build has no demo beside it
     */
    static Demo start(CommandLine commandLine) {
        if (!commandLine.demo()) {
            return none();
        }
        DemoServers servers = servers().orElseThrow(() -> new IllegalStateException("this build has no demo beside it ("
                + folder().map(Path::toString).orElse("target/" + FOLDER) + "): build with mvn -B -q package -DskipTests"));
        try {
            return new Demo(servers, new LinkedHashMap<>(servers.start(commandLine.kafka(), commandLine.once())));
        } catch (RuntimeException | Error e) {
            servers.close();
            throw e;
        }
    }

    /** The demo's servers: on the class path (the tests'), or in the demo folder beside the application's jar. */
    private static Optional<DemoServers> servers() {
        Optional<DemoServers> onClassPath = ServiceLoader.load(DemoServers.class).findFirst();
        if (onClassPath.isPresent()) {
            return onClassPath;
        }
        Optional<Path> folder = folder().filter(Files::isDirectory);
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder.get())) {
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo folder " + folder.get(), e);
        }
        // lives as long as the demo: the servers' classes come from it
        URLClassLoader demo = new URLClassLoader("cube-demo", jars.toArray(URL[]::new), Demo.class.getClassLoader());
        return ServiceLoader.load(DemoServers.class, demo).findFirst();
    }

    /** The demo folder beside the jar (or the classes folder) the application runs from. */
    private static Optional<Path> folder() {
        try {
            Path code = Path.of(Demo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Optional.ofNullable(code.getParent()).map(parent -> parent.resolve(FOLDER));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The settings that point the feeds at the servers. */
    Map<String, String> settings() {
        return settings;
    }

    /** The settings the demo makes that the environment sets too: the environment's values would win (Camel's rule). */
    static List<String> conflicts(CommandLine commandLine, Map<String, String> environment) {
        if (!commandLine.demo()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>(List.of("cube.base-url", "cube.allow-http", "cube.auth-method", "cube.token",
                "cube.campaign-id", "cube.assignment-id"));
        if (commandLine.kafka()) {
            keys.addAll(List.of("kafka.brokers", "cube.sink"));
        }
        return keys.stream().map(Settings::variable).filter(environment::containsKey).toList();
    }

    /** A file demo's last line: where its records and state are, and what a second run does. */
    static void ended(Settings settings) {
        System.out.println("Demo: the records are in " + Path.of(settings.value("cube.out-dir").orElseThrow().trim()).toAbsolutePath().normalize()
                + " (a folder per feed and campaign, a JSON Lines file per day); the feeds' state is in "
                + Path.of(settings.value("cube.state-dir").orElseThrow().trim()).toAbsolutePath().normalize()
                + ": run the same command again and only what the simulated Cube added meanwhile is written.");
    }

    @Override
    public void close() {
        if (servers != null) {
            servers.close();
        }
    }
}
