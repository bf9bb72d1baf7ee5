package io.cubeintegration.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the application as a user does: its main class in a new JVM, in a folder of the test's, with its own environment. */
final class ApplicationProcess {

    record Result(int exitCode, String output) {
    }

    private ApplicationProcess() {
    }

    /** Starts the application and waits for it to exit; no CUBE_ or KAFKA_ variable of the test's own leaks in. */
    static Result run(Path workDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CubeIntegrationApplication.class.getName()));
        command.addAll(List.of(args));
        Path log = workDir.resolve("process-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CUBE_") || name.startsWith("KAFKA_")
                || name.startsWith("CAMEL_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the application did not exit within 90 s: " + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }
}
