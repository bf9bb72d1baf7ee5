package io.cubeintegration.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file sink's output folder read back: a feed's files in {@code <out dir>/<feed>/} (a folder per campaign below
 * it for a feed over several campaigns; {@code "feed/926"} names one), in run order, as a file name begins with its
 * run's start. Lines are decoded strictly as UTF-8, and every file must end with a newline.
 */
public final class OutputFolder {

    private final Path root;

    public OutputFolder(Path root) {
        this.root = root;
    }

    /** Every file the feed left, the hidden part files of runs under way or torn too; none if it has no folder. */
    public List<Path> files(String feed) {
        List<Path> files = new ArrayList<>();
        collect(root.resolve(feed), files);
        return files.stream().sorted().toList();
    }

    /** The lines of the feed's one file; fails unless it left exactly one. */
    public List<String> onlyFileLines(String feed) {
        List<Path> files = files(feed);
        assertEquals(1, files.size(), "output files of feed " + feed + ": " + files);
        return readLines(files.get(0));
    }

    /**
     * Every line of every file the feed's finished runs left, in run order; fails if it has no folder, or if a run
     * left a part file behind (a torn file).
     */
    public List<String> lines(String feed) {
        assertTrue(Files.isDirectory(root.resolve(feed)), "feed " + feed + " has no output folder in " + root);
        List<String> lines = new ArrayList<>();
        for (Path file : files(feed)) {
            assertFalse(isPart(file), "no part file is left: " + file);
            lines.addAll(readLines(file));
        }
        return lines;
    }

    /**
     * Every line of the feed's complete files, while its runs may still be under way (their part files are not read);
     * none if it has no folder yet.
     */
    public List<String> completeLines(String feed) {
        List<String> lines = new ArrayList<>();
        for (Path file : files(feed)) {
            if (!isPart(file)) {
                lines.addAll(readLines(file));
            }
        }
        return lines;
    }

    /** The lines of one output file, decoded strictly as UTF-8; fails unless the file ends with a newline. */
    public static List<String> readLines(Path file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            assertEquals("", lines.remove(lines.size() - 1), file + " ends with a newline");
            return lines;
        } catch (CharacterCodingException e) {
            throw new AssertionError(file + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run's file until it is complete: {@code .<name>.jsonl.part}. */
    private static boolean isPart(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") || name.endsWith(".part");
    }

    /**
     * The files below a folder, by listing it rather than walking it: a part file renamed while it is read would make
     * a walk fail, where a listing only names it.
     */
    private static void collect(Path folder, List<Path> files) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> listed = Files.list(folder)) {
            for (Path path : listed.toList()) {
                if (Files.isDirectory(path)) {
                    collect(path, files);
                } else {
                    files.add(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
