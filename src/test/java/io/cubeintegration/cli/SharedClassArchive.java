package io.cubeintegration.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Class data sharing for the application JVMs the tests start, some seventy a suite: the first one of each test JVM
 * dumps the classes it loaded into an archive at its exit, the later ones map it and start in about two thirds of the
 * time. The archive needs a class path of jars only, so the application's classes and the test classes go into jars
 * of this test JVM's.
 * A JVM killed before it could dump leaves none, and the next one dumps instead; no archive only means a slower start.
 */
final class SharedClassArchive {

    private static final Path FOLDER = Path.of("target", "cds");
    private static final long PROCESS = ProcessHandle.current().pid();
    private static String classPath;
    private static Path archive;
    private static Process dumping;

    private SharedClassArchive() {
    }

    /** The JVM options and class path for the next application JVM: dump, use, or (while one dumps) neither. */
    static synchronized List<String> options() {
        List<String> options = new ArrayList<>(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp", classPath()));
        if (Files.isRegularFile(archive) && (dumping == null || !dumping.isAlive())) {
            options.add(0, "-XX:SharedArchiveFile=" + archive);
        } else if (dumping == null || !dumping.isAlive()) {
            options.add(0, "-XX:ArchiveClassesAtExit=" + archive);
        }
        return options;
    }

    /** Called with the process started from the options: if it is the one that dumps, the others wait for it. */
    static synchronized void started(List<String> options, Process process) {
        if (options.stream().anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="))) {
            dumping = process;
        }
    }

    /** The test class path with the application's classes folder as a jar, and no folders. */
    private static String classPath() {
        if (classPath == null) {
            try {
                Files.createDirectories(FOLDER);
                archive = FOLDER.resolve("app-" + PROCESS + ".jsa").toAbsolutePath();
                List<String> entries = new ArrayList<>();
                for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                    Path path = Path.of(entry);
                    if (!Files.isDirectory(path)) {
                        entries.add(entry);
                    } else if (path.endsWith(Path.of("target", "classes"))) {
                        entries.add(0, jar(path, "app").toString());
                    } else if (path.endsWith(Path.of("target", "test-classes"))) {
                        // the test-only configurations (the crash-test pause) that Camel Main finds by scanning
                        entries.add(jar(path, "tests").toString());
                    }
                }
                classPath = String.join(File.pathSeparator, entries);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classPath;
    }

    private static Path jar(Path classes, String kind) throws IOException {
        Path jar = FOLDER.resolve(kind + "-" + PROCESS + ".jar").toAbsolutePath();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> tree = Files.walk(classes)) {
            // folders are entries too: Camel finds classpath:feed-routes/*.yaml by listing the folder
            for (Path path : tree.filter(path -> !path.equals(classes)).sorted().toList()) {
                String name = classes.relativize(path).toString().replace(File.separatorChar, '/');
                if (Files.isDirectory(path)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
