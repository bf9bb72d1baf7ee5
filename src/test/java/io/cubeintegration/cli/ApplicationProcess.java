package io.cubeintegration.cli;

import io.cubeintegration.Patience;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Runs the application as a user does: its main class in a new JVM, in a folder of the test's, with its own environment. */
public final class ApplicationProcess {

    public record Result(int exitCode, String output) {

        private static final Pattern STAMPED = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} ");

        /**
         * When the application logged the first line holding the text, by the line's own time stamp: the application's
         * clock measures what it did, whatever the JVM's start cost on a busy machine.
         */
        public Instant loggedAt(String text) {
            String line = output.lines().filter(candidate -> candidate.contains(text)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line with '" + text + "' in\n" + output));
            return stamp(line);
        }

        /** When the application logged the last line holding the text, by its time stamp. */
        public Instant lastLoggedAt(String text) {
            String line = output.lines().filter(candidate -> STAMPED.matcher(candidate).lookingAt() && candidate.contains(text))
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new AssertionError("no line with '" + text + "' in\n" + output));
            return stamp(line);
        }

        private static Instant stamp(String line) {
            return LocalDateTime.parse(line.substring(0, "2026-12-01 10:00:00.000".length()).replace(' ', 'T'))
                    .atZone(ZoneId.systemDefault()).toInstant();
        }
    }

    /** A started application: its process, and the file its output goes to. */
    public record Started(Process process, Path log) {

        public String output() throws IOException {
            return Files.readString(log);
        }

        /** Waits for the application to exit by itself. */
        public Result await() throws IOException, InterruptedException {
            if (!process.waitFor(Patience.LONG.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the application did not exit within " + Patience.LONG.toSeconds() + " s: " + output());
            }
            return new Result(process.exitValue(), output());
        }

        /** SIGKILL: the process ends at once, no shutdown hook, no flush. */
        public void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }

    private ApplicationProcess() {
    }

    /** Starts the application and waits for it to exit; no CUBE_, KAFKA_ or CAMEL_ variable of the test's own leaks in. */
    public static Result run(Path workDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return start(workDir, environment, List.of(), args).await();
    }

    /** Starts the application, with JVM options, and returns at once. */
    public static Started start(Path workDir, Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // short-lived JVMs, several at once on two cores: the quick compiler only and one GC thread halve their CPU
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        List<String> shared = SharedClassArchive.options();
        command.addAll(shared);
        command.add(CubeIntegrationApplication.class.getName());
        command.addAll(List.of(args));
        Path log = workDir.resolve("process-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CUBE_") || name.startsWith("KAFKA_")
                || name.startsWith("CAMEL_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        SharedClassArchive.started(shared, process);
        return new Started(process, log);
    }
}
