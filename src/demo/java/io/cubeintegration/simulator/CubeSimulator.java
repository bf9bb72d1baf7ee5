package io.cubeintegration.simulator;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a Headshed Cube account's REST API on 127.0.0.1, serving {@link SimulatedAccount}'s data over
 * HTTP with Cube's authentication, paging and errors, plus optional latency and faults.
 */
public final class CubeSimulator implements AutoCloseable {

    // enough threads that latency overlaps instead of queueing clients behind each other
    private static final int SERVER_THREADS = 64;
    private static final String LOOPBACK = "127.0.0.1";
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final String scheme;
    private final ExecutorService executor;
    private final SimulatedAccount account;
    private final RequestJournal journal;

    private CubeSimulator(HttpServer server, String scheme, ExecutorService executor, SimulatedAccount account,
                          RequestJournal journal) {
        this.server = server;
        this.scheme = scheme;
        this.executor = executor;
        this.account = account;
        this.journal = journal;
    }

    /** Starts serving at once; returns when the port is listening. */
    public static CubeSimulator start(SimulatorSettings settings) {
        // the JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the client's
        // delayed ACK hold every answer back ~40 ms. The JDK reads this property once, when its server first loads.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        SimulatedAccount account = new SimulatedAccount(settings);
        RequestJournal journal = new RequestJournal();
        HttpServer server;
        String scheme = settings.tls() == null ? "http" : "https";
        try {
            InetSocketAddress address = new InetSocketAddress(LOOPBACK, settings.port());
            if (settings.tls() == null) {
                server = HttpServer.create(address, 256);
            } else {
                HttpsServer https = HttpsServer.create(address, 256);
                https.setHttpsConfigurator(new HttpsConfigurator(settings.tls()));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + LOOPBACK + ":" + settings.port(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(SERVER_THREADS, daemonThreads());
        server.setExecutor(executor);
        HttpServer listening = server;
        server.createContext("/", new CubeHttpHandler(settings, account, journal,
                () -> scheme + "://" + LOOPBACK + ":" + listening.getAddress().getPort()));
        server.start();
        return new CubeSimulator(server, scheme, executor, account, journal);
    }

    /** The API root, e.g. {@code http://127.0.0.1:43521/api/v1/} (https with {@link SimulatorSettings#tls()}). */
    public URI baseUrl() {
        return URI.create(scheme + "://" + LOOPBACK + ":" + port() + CubeHttpHandler.API_ROOT);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SimulatedAccount account() {
        return account;
    }

    public RequestJournal journal() {
        return journal;
    }

    /** Stops listening and interrupts requests still being served. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Runs a simulator until the process is stopped; {@code --help} lists the options. */
    public static void main(String[] args) throws InterruptedException {
        SimulatorCommandLine.Parsed parsed = SimulatorCommandLine.parse(args, System.out, System.err);
        if (parsed.settings() == null) {
            System.exit(parsed.exitCode());
        }
        SimulatorSettings settings = parsed.settings();
        CubeSimulator simulator = start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "cube-simulator-shutdown"));
        // the URL alone on the first line, for scripts
        System.out.println(simulator.baseUrl());
        System.out.print(SimulatorCommandLine.credentials(settings, simulator));
        System.out.flush();
        Thread.currentThread().join();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "cube-simulator-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
