package io.cubeintegration.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * For the benchmark: where a JVM's CPU went, by kind of thread (the JIT compiler, the garbage collector, the main
 * thread, Camel's pools, the Kafka producer), so a figure that misses its target comes with its measured cause.
 */
public final class ThreadCpu {

    private ThreadCpu() {
    }

    /**
     * The CPU each kind of thread of this JVM used so far, in clock ticks (1/100 s), read from Linux's
     * {@code /proc/self/task}: the JIT compiler and the garbage collector show there, which no Java API lists. Threads
     * that ended are not counted; empty where there is no {@code /proc}.
     */
    static Map<String, Long> ticksByKind() {
        Map<String, Long> ticks = new TreeMap<>();
        List<Path> tasks;
        try (var listed = Files.list(Path.of("/proc/self/task"))) {
            tasks = listed.toList();
        } catch (IOException e) {
            return ticks;
        }
        for (Path task : tasks) {
            try {
                String stat = Files.readString(task.resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.merge(threadKind(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))),
                        Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
            } catch (IOException e) {
                // the thread ended since the listing: the others still count
            }
        }
        return ticks;
    }

    /** The kind of a thread by its Linux name (15 characters at most): "C2 CompilerThre", "GC Thread#0", "java"... */
    private static String threadKind(String name) {
        if (name.contains("Compiler")) {
            return "JIT";
        } else if (name.startsWith("GC ") || name.startsWith("G1 ")) {
            return "GC";
        } else if (name.equals("java")) {
            return "main";
        } else if (name.startsWith("Camel")) {
            return "Camel pools";
        } else if (name.startsWith("kafka-producer")) {
            return "Kafka producer";
        }
        return "other";
    }

    /** The CPU used between two readings, by kind, largest first: {@code JIT 0.62, main 0.26, GC 0.11}. */
    static String describe(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Long> used = new TreeMap<>();
        now.forEach((kind, ticks) -> used.put(kind, ticks - before.getOrDefault(kind, 0L)));
        return used.entrySet().stream().filter(kind -> kind.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(kind -> String.format(Locale.ROOT, "%s %.2f", kind.getKey(), kind.getValue() / 100.0))
                .collect(Collectors.joining(", "));
    }

    /** The CPU (user + system) this JVM used so far, every thread together: what the run's work costs the cores. */
    public static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
