package io.cubeintegration.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cubeintegration.broker.EmbeddedKafkaBroker;
import io.cubeintegration.cli.ApplicationEnvironment;
import io.cubeintegration.cli.HeapWatchedApplication;
import io.cubeintegration.cli.ThreadCpu;
import io.cubeintegration.feed.FeedWindow;
import io.cubeintegration.feed.FeedYaml;
import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.SimulatorSettings;

/**
 * The benchmark of issue 6: a busy day (5,000 responses in 100 pages naming 3,000 distinct customers of an assignment
 * of 20,000, enriched) against the simulator at a set latency, for the seed documents' sequential approach, our
 * pipeline (file and Kafka), and the lower bound; then the framework's cost at zero latency against a plain Java
 * loop; then memory with 100,000 and 1,000,000 records under -Xmx256m. Every contender runs in a JVM of its own;
 * the simulator and the Kafka broker run in this one. Prints one table.
 *
 * Run: {@code mvn -B -q -Pbench test-compile exec:exec} (options via -Dbench.args="--latency-ms 25 ...").
 */
public final class BusyDayBenchmark {

    private static final Pattern PIPELINE = Pattern.compile("(\\d+) records in ([0-9.]+) s of runs");
    private static final Pattern CPU = Pattern.compile("cpu: ([0-9.]+) s \\(([^)]*)\\)");
    private static final Pattern HEAP = Pattern.compile("heap: peak ([0-9.]+) MB(?:, live after GC at most ([0-9.]+) MB)?");
    private static final Pattern CLIENT = Pattern.compile("elapsed ([0-9.]+) s, peak heap ([0-9.]+) MB");

    /** A contender's figures; {@code cpu}: CPU seconds of the measured run in the application / in this JVM (broker, simulator). */
    private record Row(String contender, long requests, double seconds, long records, String heap, String cpu,
                       String cpuByThread) {
        Row(String contender, long requests, double seconds, long records, String heap) {
            this(contender, requests, seconds, records, heap, "-", null);
        }
    }

    private final Path workDir;
    /** Settings for every contender, from --app-env NAME=VALUE (e.g. CUBE_KAFKA_PAGES_AHEAD=1 for the A/B). */
    private static final Map<String, String> APP_ENVIRONMENT = new HashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private final int runs;
    /** JVM options of every application JVM (--app-jvm "-XX:TieredStopAtLevel=1"), in-JVM rows and whole process alike. */
    private List<String> appJvm = List.of();
    /** Which run of one JVM is the warm figure (--warm-run N): the third by default. */
    private int warmRun = 3;
    /** Runs only the contenders whose name has this text (--only "Kafka sink, warm"): for an A/B of one row. */
    private String only = "";
    /** CUBE_PARTITION_CONCURRENCY for the contenders, or null for the shipped default. */
    private String partitionConcurrency;
    /** The class path of the application JVMs: this build's, or the other build's during its turn of a comparison. */
    private String appClasspath = System.getProperty("java.class.path");
    /**
     * Another build to measure against this one in the same run (--compare CLASSPATH LABEL, e.g. the build of the
     * commit before an upgrade: its classes, test classes and dependencies): every row in turn, the other build first.
     */
    private String otherClasspath;
    private String otherLabel;
    private String thisLabel;

    private BusyDayBenchmark(Path workDir, int runs) {
        this.workDir = workDir;
        this.runs = runs;
    }

    /** Runs a pipeline contender as often as asked and keeps the median run, its spread in the contender's name. */
    private void median(String name, java.util.concurrent.Callable<Row> contender) throws Exception {
        median(name, contender, false);
    }

    /** The same, the median by peak heap where {@code byHeap}: the memory cases. */
    private void median(String name, java.util.concurrent.Callable<Row> contender, boolean byHeap) throws Exception {
        if (!name.contains(only)) {
            return;
        }
        if (otherClasspath == null) {
            medianOf(name, contender, byHeap, null);
            return;
        }
        // the two builds in turn, run by run, so the machine's drift touches both alike
        List<Row> other = new ArrayList<>();
        List<Row> mine = new ArrayList<>();
        String own = appClasspath;
        for (int run = 0; run < runs; run++) {
            appClasspath = otherClasspath;
            other.add(contender.call());
            appClasspath = own;
            mine.add(contender.call());
        }
        medianOf(name + " [" + otherLabel + "]", null, byHeap, other);
        medianOf(name + " [" + thisLabel + "]", null, byHeap, mine);
    }

    /** Keeps the median of runs measured already, or of {@code runs} runs of the contender. */
    private void medianOf(String name, java.util.concurrent.Callable<Row> contender, boolean byHeap, List<Row> done) throws Exception {
        List<Row> measured = new ArrayList<>();
        if (done != null) {
            measured.addAll(done);
        } else {
            for (int run = 0; run < runs; run++) {
                measured.add(contender.call());
            }
        }
        if (measured.contains(null)) {
            return;
        }
        measured.sort(java.util.Comparator.comparingDouble(byHeap ? BusyDayBenchmark::peak : Row::seconds));
        Row middle = measured.get(measured.size() / 2);
        String spread = runs == 1 ? "" : byHeap
                ? String.format(Locale.ROOT, " [median of %d: %.0f-%.0f MB]", runs, peak(measured.get(0)),
                        peak(measured.get(measured.size() - 1)))
                : String.format(Locale.ROOT, " [median of %d: %.2f-%.2f]", runs, measured.get(0).seconds(),
                        measured.get(measured.size() - 1).seconds());
        rows.add(new Row(name + spread, middle.requests(), middle.seconds(), middle.records(), middle.heap(), middle.cpu(),
                middle.cpuByThread()));
        if (middle.cpuByThread() != null) {
            notes.add(name + " (the median run): " + middle.cpuByThread());
        }
    }

    public static void main(String[] args) throws Exception {
        int latency = 25;
        int concurrency = 8;
        boolean memory = true;
        boolean sequential = true;
        boolean busyDay = true;
        boolean campaigns = true;
        boolean wholeProcess = false;
        boolean appCds = false;
        List<String> appJvm = new ArrayList<>();
        int runs = 3;
        String partitionConcurrency = null;
        String only = "";
        int warmRun = 3;
        String compare = null;
        String compareLabels = null;
        boolean freshness = false;
        double freshnessHours = 2;
        int freshnessMinutes = 4;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--latency-ms" -> latency = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--skip-memory" -> memory = false;
                case "--skip-sequential" -> sequential = false;
                case "--skip-busy-day" -> busyDay = false;
                case "--skip-campaigns" -> campaigns = false;
                case "--whole-process" -> wholeProcess = true;
                case "--app-jvm" -> appJvm.addAll(List.of(args[++i].split(" ")));
                case "--app-cds" -> appCds = true;
                case "--app-env" -> {
                    String[] setting = args[++i].split("=", 2);
                    APP_ENVIRONMENT.put(setting[0], setting[1]);
                }
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--partition-concurrency" -> partitionConcurrency = args[++i];
                case "--only" -> only = args[++i];
                case "--warm-run" -> warmRun = Integer.parseInt(args[++i]);
                case "--freshness" -> freshness = true;
                case "--freshness-hours" -> freshnessHours = Double.parseDouble(args[++i]);
                case "--freshness-minutes" -> freshnessMinutes = Integer.parseInt(args[++i]);
                case "--compare" -> {
                    compare = args[++i];
                    compareLabels = args[++i];
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (freshness) {
            new FreshnessBenchmark(Files.createTempDirectory("cube-bench"), latency).run(freshnessHours, freshnessMinutes);
            return;
        }
        BusyDayBenchmark benchmark = new BusyDayBenchmark(Files.createTempDirectory("cube-bench"), runs);
        benchmark.partitionConcurrency = partitionConcurrency;
        benchmark.only = only;
        benchmark.warmRun = warmRun;
        benchmark.appJvm = appJvm;
        if (compare != null) {
            // --compare CLASSPATH "OTHER LABEL/THIS LABEL"
            benchmark.otherClasspath = compare;
            benchmark.otherLabel = compareLabels.split("/", 2)[0];
            benchmark.thisLabel = compareLabels.split("/", 2)[1];
        }
        if (wholeProcess) {
            benchmark.wholeProcess(latency, concurrency, appJvm, appCds);
            return;
        }
        benchmark.run(latency, concurrency, busyDay, sequential, memory, campaigns);
    }

    private void run(int latency, int concurrency, boolean busy, boolean sequential, boolean memory, boolean campaigns)
            throws Exception {
        // the simulator serves each answer from memory once generated: Cube's own serving costs this machine nothing
        SimulatorSettings busyDay = SimulatorSettings.builder().latencyMillis(latency).responsesPerDay(5000)
                .customersPerAssignment(20_000).activeCustomers(3000).cacheAnswers(true).build();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(3)) {
            if (busy) {
                try (CubeSimulator cube = CubeSimulator.start(busyDay)) {
                    int assignment = cube.account().defaultAssignmentId();
                    String today = FeedWindow.CUBE_DATE.format(cube.account().today());
                    String responses = "campaigns/" + cube.account().defaultCampaignId() + "/responses/?from_date=" + today + "&to_date=" + today;
                    warmUp(cube, busyDay, responses, assignment);
                    if (sequential) {
                        // one run: it takes two minutes
                        String sequentialName = "sequential (seed documents' loop)";
                        if (sequentialName.contains(only)) {
                            rows.add(client(sequentialName, SequentialClient.class, cube, busyDay, responses, assignment));
                        }
                    }
                    median("pipeline, file sink, cold", () -> pipeline("pipeline, file sink, cold", cube, busyDay, broker, "busy-file",
                            concurrency, List.of()));
                    median("pipeline, Kafka sink, cold", () -> pipeline("pipeline, Kafka sink, cold", cube, busyDay, broker, "busy-kafka",
                            concurrency, List.of()));
                    median("pipeline, file sink, warm JVM (run " + warmRun + ")", () -> warmPipeline("pipeline, file sink, warm JVM", cube,
                            busyDay, broker, "busy-file", concurrency));
                    median("pipeline, Kafka sink, warm JVM (run " + warmRun + ")", () -> warmPipeline("pipeline, Kafka sink, warm JVM", cube,
                            busyDay, broker, "busy-kafka", concurrency));
                    long pages = 100;
                    long lookups = Math.min(3000, (20_000 + 499) / 500);
                    double bound = Math.ceil((pages + lookups) / (double) concurrency) * latency / 1000.0;
                    rows.add(new Row("lower bound (" + (pages + lookups) + " requests / " + concurrency + " at once x " + latency + " ms)",
                            pages + lookups, bound, 5000, "-"));
                }
                SimulatorSettings instant = busyDay.toBuilder().latencyMillis(0).build();
                try (CubeSimulator cube = CubeSimulator.start(instant)) {
                    int assignment = cube.account().defaultAssignmentId();
                    String today = FeedWindow.CUBE_DATE.format(cube.account().today());
                    String responses = "campaigns/" + cube.account().defaultCampaignId() + "/responses/?from_date=" + today + "&to_date=" + today;
                    warmUp(cube, instant, responses, assignment);
                    median("zero latency: pipeline, file sink", () -> pipeline("zero latency: pipeline, file sink", cube, instant,
                            broker, "busy-file", concurrency, List.of()));
                    median("zero latency: plain Java loop", () -> client("zero latency: plain Java loop", PlainLoop.class,
                            cube, instant, responses, assignment));
                    String bulkLoop = "zero latency: plain Java loop, bulk plan (142 requests, no Camel)";
                    median(bulkLoop, () -> client(bulkLoop, PlainBulkLoop.class, cube, instant, responses, assignment));
                }
            }
            if (campaigns) {
                campaigns(latency, concurrency, broker);
            }
            if (memory) {
                for (int records : new int[] {100_000, 1_000_000}) {
                    SimulatorSettings bulk = SimulatorSettings.builder().responsesPerDay(records).pageSize("responses", 500).build();
                    try (CubeSimulator cube = CubeSimulator.start(bulk)) {
                        median("memory: " + records + " records, -Xmx256m", () -> pipeline("memory", cube, bulk, broker, "bulk",
                                concurrency, List.of("-Xmx256m")), true);
                    }
                }
            }
        }
        print(latency, concurrency);
    }

    /**
     * A 40-campaign account in small: one feed over every active campaign (campaigns: all), 20 campaigns of 500
     * responses each on two assignments of 5,000 customers, enriched; against the lower bound of all its requests at
     * the allowed concurrency.
     */
    private void campaigns(int latency, int concurrency, EmbeddedKafkaBroker broker) throws Exception {
        SimulatorSettings account = SimulatorSettings.builder().latencyMillis(latency).responsesPerDay(500).extraCampaigns(17)
                .customersPerAssignment(5000).cacheAnswers(true).build();
        try (CubeSimulator cube = CubeSimulator.start(account)) {
            String today = FeedWindow.CUBE_DATE.format(cube.account().today());
            CubeHttp http = new CubeHttp(account.token());
            long requests = 1;
            for (int campaign : cube.account().activeCampaignIds()) {
                requests += pages(http, cube.baseUrl() + "campaigns/" + campaign + "/responses/?from_date=" + today + "&to_date=" + today);
            }
            for (int assignment : List.of(240, 241)) {
                requests += pages(http, cube.baseUrl() + "assignments/" + assignment + "/customers/");
            }
            int campaignCount = cube.account().activeCampaignIds().size();
            String name = campaignCount + " campaigns x 500 responses, one feed";
            median(name + ", file sink", () -> pipeline(name + ", file sink", cube, account, broker, "campaigns-file",
                    concurrency, List.of()));
            median(name + ", Kafka sink", () -> pipeline(name + ", Kafka sink", cube, account, broker, "campaigns-kafka",
                    concurrency, List.of()));
            median(name + ", file sink, warm JVM (run " + warmRun + ")", () -> warmPipeline(name + ", file sink, warm JVM", cube, account,
                    broker, "campaigns-file", concurrency));
            median(name + ", Kafka sink, warm JVM (run " + warmRun + ")", () -> warmPipeline(name + ", Kafka sink, warm JVM", cube, account,
                    broker, "campaigns-kafka", concurrency));
            double bound = Math.ceil(requests / (double) concurrency) * latency / 1000.0;
            campaignsAtZeroLatency(account.toBuilder().latencyMillis(0).build(), name, concurrency, broker);
            rows.add(new Row(campaignCount + " campaigns: lower bound (" + requests + " requests / " + concurrency + " at once x "
                    + latency + " ms)", requests, bound, 500L * campaignCount, "-"));
        }
    }

    /** The same account without latency: what the machine's cores alone take for the records, warm (the CPU floor). */
    private void campaignsAtZeroLatency(SimulatorSettings instant, String name, int concurrency, EmbeddedKafkaBroker broker)
            throws Exception {
        try (CubeSimulator cube = CubeSimulator.start(instant)) {
            String zero = "zero latency: " + name + ", file sink, warm JVM";
            median(zero + " (run " + warmRun + ")", () -> warmPipeline(zero, cube, instant, broker, "campaigns-file", concurrency));
        }
    }

    /**
     * The busy day as a user meets it: the standalone simulator in a process of its own (serving as it would, nothing
     * cached), the application started as the README says ({@code java -jar target/cube-integration.jar}), and the
     * whole process timed, JVM start to exit, over repeated runs, each with a fresh state: {@code --validate} (the
     * fixed cost of a start) and {@code --once} of the file and the Kafka feed.
     */
    private void wholeProcess(int latency, int concurrency, List<String> appJvm, boolean appCds) throws Exception {
        Path jar = Path.of("target", "cube-integration.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("--whole-process times the packaged application: run mvn -B -q package -DskipTests first");
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process simulator = new ProcessBuilder(javaBin, "-cp", jar.getParent().resolve("demo") + "/*" + java.io.File.pathSeparator + jar
                + java.io.File.pathSeparator + jar.getParent().resolve("lib") + "/*",
                "io.cubeintegration.simulator.CubeSimulator", "--latency-ms", Integer.toString(latency), "--responses-per-day", "5000",
                "--customers", "20000", "--active-customers", "3000", "--campaign-turnover", "0")
                .redirectErrorStream(true).start();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(3)) {
            String baseUrl = new java.io.BufferedReader(new java.io.InputStreamReader(simulator.getInputStream())).readLine()
                    .replaceAll(".*(http://\\S+).*", "$1");
            String token = SimulatorSettings.builder().build().token();
            List<String> jvm = new ArrayList<>(appJvm);
            if (appCds) {
                // the command of docs/performance.md: a training run (the demo, once) dumps the classes it loaded; later starts map them
                Path archive = workDir.resolve("cube-integration.jsa");
                Process training = new ProcessBuilder(javaBin, "-XX:ArchiveClassesAtExit=" + archive, "-jar", jar.toString(), "--demo", "--once")
                        .redirectErrorStream(true).redirectOutput(workDir.resolve("cds-training.log").toFile())
                        .directory(Files.createDirectories(workDir.resolve("training")).toFile()).start();
                training.waitFor();
                jvm.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            }
            for (String[] contender : new String[][] {{"--validate", null}, {"--once, file sink", "busy-file"},
                    {"--once, Kafka sink", "busy-kafka"}}) {
                List<Double> seconds = new ArrayList<>();
                for (int run = 0; run <= runs; run++) {
                    Map<String, String> environment = environment(baseUrl, token, 926, broker, concurrency);
                    List<String> command = new ArrayList<>(List.of(javaBin));
                    command.addAll(jvm);
                    command.addAll(List.of("-jar", jar.toString()));
                    command.addAll(contender[1] == null ? List.of("--validate") : List.of("--once", "--feed", contender[1]));
                    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                            .redirectOutput(workDir.resolve("whole-" + System.nanoTime() + ".log").toFile())
                            .directory(workDir.toFile());
                    builder.environment().putAll(environment);
                    long started = System.nanoTime();
                    int exit = builder.start().waitFor();
                    double took = (System.nanoTime() - started) / 1e9;
                    if (exit != 0) {
                        notes.add("whole process " + contender[0] + " exited " + exit);
                    }
                    if (run > 0) {
                        // the first run only warms the simulator and the disk cache
                        seconds.add(took);
                    }
                }
                List<Double> sorted = seconds.stream().sorted().toList();
                rows.add(new Row("whole process" + (jvm.isEmpty() ? "" : " (" + (String.join(" ", appJvm) + (appCds ? " AppCDS" : "")).trim() + ")")
                        + ", " + contender[0] + String.format(Locale.ROOT, " [min-max of %d: %.2f-%.2f]",
                        sorted.size(), sorted.get(0), sorted.get(sorted.size() - 1)), 0, sorted.get(sorted.size() / 2),
                        contender[1] == null ? 0 : 5000, "-"));
            }
        } finally {
            simulator.destroy();
        }
        print(latency, concurrency);
    }

    /** Fetches every page of a listing once (the simulator keeps the answers), and counts them. */
    private static long pages(CubeHttp http, String first) throws Exception {
        long pages = 0;
        for (String url = first; url != null; pages++) {
            com.fasterxml.jackson.databind.JsonNode page = http.get(url);
            url = page.get("next").isNull() ? null : page.get("next").asText();
        }
        return pages;
    }

    /**
     * Asks the simulator, before any contender, for every answer the contenders will ask for (each response page,
     * each customer list page, each customer of the day), many at once: each is generated and kept, and the
     * simulator's own code is compiled, so no contender pays for the simulator's work.
     */
    private static void warmUp(CubeSimulator cube, SimulatorSettings settings, String responses, int assignment)
            throws Exception {
        CubeHttp http = new CubeHttp(settings.token());
        java.util.Set<Long> customers = new java.util.TreeSet<>();
        List<String> lists = List.of(cube.baseUrl() + responses, cube.baseUrl() + "assignments/" + assignment + "/customers/");
        for (String first : lists) {
            for (String url = first; url != null; ) {
                com.fasterxml.jackson.databind.JsonNode page = http.get(url);
                if (first.equals(lists.get(0))) {
                    page.get("results").forEach(response -> customers.add(response.get("crm_customer_id").asLong()));
                }
                url = page.get("next").isNull() ? null : page.get("next").asText();
            }
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(32);
        try {
            List<java.util.concurrent.Future<?>> lookups = new ArrayList<>();
            for (long customer : customers) {
                lookups.add(pool.submit(() -> http.get(cube.baseUrl() + "assignments/" + assignment + "/customers/" + customer)));
            }
            for (java.util.concurrent.Future<?> lookup : lookups) {
                lookup.get();
            }
        } finally {
            pool.shutdown();
        }
        cube.journal().reset();
    }

    /** A plain client (no Camel) in a JVM of its own: its wall time, requests and records, for the table. */
    private Row client(String name, Class<?> main, CubeSimulator cube, SimulatorSettings settings, String firstPage,
                       int assignment) throws Exception {
        cube.journal().reset();
        Path out = workDir.resolve(main.getSimpleName() + ".jsonl");
        String output = java(List.of(), Map.of(), main.getName(), cube.baseUrl().toString(), settings.token(), firstPage,
                Integer.toString(assignment), out.toString());
        Matcher figures = CLIENT.matcher(output);
        if (!figures.find()) {
            throw new IllegalStateException(name + " failed: " + output);
        }
        try (var lines = Files.lines(out)) {
            return new Row(name, cube.journal().requests().size(), Double.parseDouble(figures.group(1)), lines.count(),
                    figures.group(2) + " MB");
        }
    }

    /**
     * The same feed run {@code warmRun} times in one JVM (the state forgotten in between): the last run's figures, with
     * its CPU by kind of thread and this JVM's CPU (broker, simulator) per run.
     */
    private Row warmPipeline(String name, CubeSimulator cube, SimulatorSettings settings, EmbeddedKafkaBroker broker,
                             String feed, int concurrency) throws Exception {
        Map<String, String> environment = environment(cube, settings, broker, concurrency);
        long servers = ThreadCpu.processNanos();
        String output = java(List.of(), environment, "io.cubeintegration.cli.RepeatedRuns", feed, Integer.toString(warmRun));
        // the broker and the simulator do the same for each run
        double serversPerRun = (ThreadCpu.processNanos() - servers) / 1e9 / warmRun;
        Matcher third = Pattern.compile("run " + warmRun + " of " + warmRun + ": (\\d+) records in ([0-9.]+) s, cpu ([0-9.]+) s \\(([^)]*)\\)\n")
                .matcher(output);
        if (!third.find()) {
            notes.add(name + " failed: " + tail(output));
            return null;
        }
        Row row = new Row(name, cube.journal().requests().size() / warmRun, Double.parseDouble(third.group(2)),
                Long.parseLong(third.group(1)), "-", String.format(Locale.ROOT, "%.2f / %.2f", Double.parseDouble(third.group(3)),
                serversPerRun), String.format(Locale.ROOT, "run %d, CPU s by thread: %s; broker and simulator %.2f a run", warmRun,
                third.group(4), serversPerRun));
        cube.journal().reset();
        return row;
    }

    private Row pipeline(String name, CubeSimulator cube, SimulatorSettings settings, EmbeddedKafkaBroker broker,
                         String feed, int concurrency, List<String> jvm) throws Exception {
        cube.journal().reset();
        Map<String, String> environment = environment(cube, settings, broker, concurrency);
        long servers = ThreadCpu.processNanos();
        String output = java(jvm, environment, HeapWatchedApplication.class.getName(), "--once", "--feed", feed);
        String serversCpu = String.format(Locale.ROOT, "- / %.2f", (ThreadCpu.processNanos() - servers) / 1e9);
        Matcher figures = PIPELINE.matcher(output);
        Matcher heap = HEAP.matcher(output);
        if (!figures.find() || !heap.find()) {
            notes.add(name + " failed: " + tail(output));
            return null;
        }
        Matcher cpu = CPU.matcher(output);
        String byThread = null;
        if (cpu.find()) {
            serversCpu = cpu.group(1) + serversCpu.substring(1);
            byThread = "whole process, CPU s by thread: " + cpu.group(2) + " (of " + cpu.group(1) + ")";
        }
        return new Row(name, cube.journal().requests().size(), Double.parseDouble(figures.group(2)),
                Long.parseLong(figures.group(1)), heap.group(1) + " / " + (heap.group(2) == null ? "-" : heap.group(2)) + " MB",
                serversCpu, byThread);
    }

    private Map<String, String> environment(CubeSimulator cube, SimulatorSettings settings, EmbeddedKafkaBroker broker,
                                            int concurrency) throws IOException {
        cube.journal().reset();
        return environment(cube.baseUrl().toString(), settings.token(), cube.account().defaultCampaignId(), broker, concurrency);
    }

    private Map<String, String> environment(String baseUrl, String token, int campaign, EmbeddedKafkaBroker broker,
                                            int concurrency) throws IOException {
        Path routes = Files.createDirectories(workDir.resolve("routes"));
        Files.writeString(routes.resolve("bench.yaml"), feeds(campaign));
        Map<String, String> environment = ApplicationEnvironment.of(baseUrl, token, routes);
        environment.put("CUBE_OUT_DIR", workDir.resolve("out").toString());
        environment.put("CUBE_STATE_DIR", Files.createTempDirectory(workDir, "state").toString());
        environment.put("CUBE_LOOKUP_CONCURRENCY", Integer.toString(concurrency));
        if (partitionConcurrency != null) {
            environment.put("CUBE_PARTITION_CONCURRENCY", partitionConcurrency);
        }
        environment.put("KAFKA_BROKERS", broker.bootstrapServers());
        environment.put("CUBE_TOPIC_PREFIX", "bench" + System.nanoTime() + ".");
        environment.putAll(APP_ENVIRONMENT);
        return environment;
    }

    private static String feeds(int campaign) {
        StringBuilder yaml = new StringBuilder();
        for (String[] feed : new String[][] {{"busy-file", "file", "true"}, {"busy-kafka", "kafka", "true"}, {"bulk", "file", "false"}}) {
            yaml.append(FeedYaml.feed("cube-window-feed", feed[0], "campaigns/" + campaign + "/responses/", "sink", feed[1],
                    "enrich", feed[2], "keyField", "crm_customer_id"));
        }
        for (String sink : List.of("file", "kafka")) {
            yaml.append(FeedYaml.feed("cube-window-feed", "campaigns-" + sink, "campaigns/{campaign_id}/responses/",
                    "campaigns", "all", "sink", sink, "enrich", "true", "keyField", "crm_customer_id"));
        }
        return yaml.toString();
    }

    private String java(List<String> jvm, Map<String, String> environment, String main, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        if (main.startsWith("io.cubeintegration.cli.")) {
            command.addAll(appJvm);
        }
        if (System.getenv("BENCH_JVM_OPTS") != null && main.startsWith("io.cubeintegration.cli.")) {
            // e.g. a flight recording of the pipeline's JVM: BENCH_JVM_OPTS=-XX:StartFlightRecording=filename=/tmp/
            command.addAll(List.of(System.getenv("BENCH_JVM_OPTS").split(" ")));
        }
        command.addAll(List.of("-cp", main.startsWith("io.cubeintegration.cli.") ? appClasspath : System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        Path log = workDir.resolve("run-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return Files.readString(log);
    }

    private static String tail(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    private void print(int latency, int concurrency) {
        System.out.printf(Locale.ROOT, "%nBusy day: 5,000 responses (100 pages of 50), 3,000 distinct customers of 20,000, enriched;"
                + " latency %d ms per request, concurrency %d; %d cores, Java %s%n%n", latency, concurrency,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (!appJvm.isEmpty()) {
            System.out.printf("The application's JVMs ran with %s%n%n", String.join(" ", appJvm));
        }
        System.out.printf("| %-58s | %9s | %9s | %10s | %-26s | %-21s |%n", "contender", "requests", "wall s", "records/s",
                "peak heap / live after GC", "CPU s app / servers");
        System.out.println("|" + "-".repeat(60) + "|" + "-".repeat(11) + "|" + "-".repeat(11) + "|" + "-".repeat(12) + "|"
                + "-".repeat(28) + "|" + "-".repeat(23) + "|");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "| %-58s | %9d | %9.3f | %10.0f | %-26s | %-21s |%n", row.contender(), row.requests(),
                    row.seconds(), row.records() / row.seconds(), row.heap(), row.cpu());
        }
        System.out.println();
        ratio("pipeline (file), cold / lower bound", "pipeline, file sink, cold", "lower bound", 1.5, true);
        ratio("pipeline (file), warm JVM / lower bound", "pipeline, file sink, warm", "lower bound", 1.5, true);
        ratio("Kafka / files, warm JVM", "pipeline, Kafka sink, warm", "pipeline, file sink, warm", 1.15, true);
        ratio("Kafka / files, cold", "pipeline, Kafka sink, cold", "pipeline, file sink, cold", 1.3, true);
        ratio("sequential / pipeline (file)", "sequential", "pipeline, file sink, cold", 50, false);
        ratio("zero latency: pipeline / plain loop", "zero latency: pipeline", "zero latency: plain", 2, true);
        ratio("zero latency: pipeline / plain loop with the same plan (what Camel costs)", "zero latency: pipeline",
                "zero latency: plain Java loop, bulk", 2, true);
        Row campaigns = rows.stream().filter(row -> row.contender().contains("campaigns: lower bound")).findFirst().orElse(null);
        if (campaigns != null) {
            String count = campaigns.contender().substring(0, campaigns.contender().indexOf(' '));
            ratio(count + " campaigns (file) / their lower bound", count + " campaigns x 500 responses, one feed, file", campaigns.contender(), 1.5, true);
            ratio(count + " campaigns (file), warm JVM / their lower bound", count + " campaigns x 500 responses, one feed, file sink, warm",
                    campaigns.contender(), 1.5, true);
            ratio(count + " campaigns (Kafka) / their lower bound", count + " campaigns x 500 responses, one feed, Kafka", campaigns.contender(), 1.5, true);
        }
        Row validate = rows.stream().filter(row -> row.contender().contains(", --validate")).findFirst().orElse(null);
        Row once = rows.stream().filter(row -> row.contender().contains(", --once, file sink")).findFirst().orElse(null);
        if (validate != null && once != null) {
            double bound = Math.ceil((100 + (20_000 + 499) / 500) / (double) concurrency) * latency / 1000.0;
            double ratio = once.seconds() / (validate.seconds() + bound);
            System.out.printf(Locale.ROOT, "whole process --once (file) / (--validate + lower bound %.2f s) = %.2f (target <= 1.5: %s)%n",
                    bound, ratio, ratio <= 1.5 ? "met" : "missed");
        }
        Row small = find("memory: 100000");
        Row large = find("memory: 1000000");
        if (small != null && large != null) {
            double ratio = peak(large) / peak(small);
            System.out.printf(Locale.ROOT, "memory: 1,000,000 records / 100,000 records, peak heap / live after GC: %s vs %s:"
                    + " peak ratio %.2f (target: completes, peak ratio <= 1.2: %s)%n", large.heap(), small.heap(), ratio,
                    ratio <= 1.2 ? "met" : "missed");
        }
        notes.forEach(note -> System.out.println("note: " + note));
    }

    private static double peak(Row row) {
        return Double.parseDouble(row.heap().split(" ")[0]);
    }

    private void ratio(String label, String top, String bottom, double target, boolean atMost) {
        Row a = find(top);
        Row b = find(bottom);
        if (a == null || b == null) {
            return;
        }
        double ratio = a.seconds() / b.seconds();
        System.out.printf(Locale.ROOT, "%s = %.2f (target %s %.1f: %s)%n", label, ratio, atMost ? "<=" : ">=", target,
                (atMost ? ratio <= target : ratio >= target) ? "met" : "missed");
    }

    private Row find(String prefix) {
        return rows.stream().filter(row -> row.contender().startsWith(prefix)).findFirst().orElse(null);
    }
}
