package io.cubeintegration.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.cubeintegration.state.FeedState;
import io.cubeintegration.state.StateCommits;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes what the file sink route appended: a run's records go to a hidden {@code .part} file, which becomes the
 * run's {@code .jsonl} file by an atomic rename only when the whole run succeeded, so a reader sees a run's file
 * complete or not at all; its dead letters, if any, likewise become a {@code .dead-letters.jsonl} file beside it.
 * A failed run's part files are deleted.
 */
public final class RunFileOutput {

    private static final Logger LOG = LoggerFactory.getLogger(RunFileOutput.class);

    private final StateCommits states;

    public RunFileOutput(StateCommits states) {
        this.states = states;
    }

    /**
     * Makes the feed's output folder (a folder that cannot be written fails the run before Cube is asked) and settles
     * what crashed runs left, whichever instance ran them: a part file the committed state counts as delivered is
     * renamed into place, any other part file belongs to a run that never committed and is deleted, as that run's
     * window is fetched again. No other process writes this feed's part files meanwhile: this run holds the feed's
     * lease. The state forgets a committed part file once it is seen renamed; one seen nowhere for
     * {@value #UNCONFIRMED_PART_DAYS} days (another machine's folder that never came back) is forgotten too.
     */
    public void open(@ExchangeProperty(RunOutput.PROPERTY) RunOutput run) {
        Path directory = run.getOutputDirectory();
        FeedState state = run.deliveries().state();
        try {
            Files.createDirectories(directory);
            List<String> committed = state.committedParts();
            try (Stream<Path> parts = Files.list(directory)) {
                for (Path part : parts.filter(path -> path.getFileName().toString().endsWith(".part")).toList()) {
                    String name = part.getFileName().toString();
                    if (committed.contains(name) || committed.contains(runPartOf(name))) {
                        Files.move(part, directory.resolve(finalName(name)), StandardCopyOption.ATOMIC_MOVE);
                        LOG.info("feed {}: completed {}, committed by a run that stopped before renaming it", run.getFeedId(), finalName(name));
                    } else {
                        Files.delete(part);
                        LOG.info("feed {}: deleted {}, left by a run that did not commit", run.getFeedId(), name);
                    }
                }
            }
            for (String part : committed) {
                if (Files.exists(directory.resolve(finalName(part))) || startedBefore(part, UNCONFIRMED_PART_DAYS)) {
                    state.confirmed(part);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("feed " + run.getFeedId() + ": cannot prepare output folder " + directory, e);
        }
    }

    /** Days a committed part file stays in the state while no instance sees it, renamed or not. */
    static final int UNCONFIRMED_PART_DAYS = 7;

    /** Whether a run's part file names a start time this many days ago or longer (see {@link RunOutput#getFileName()}). */
    private static boolean startedBefore(String part, int days) {
        try {
            return RunOutput.startOf(part).isBefore(Instant.now().minus(Duration.ofDays(days)));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Commits a run: forces its part files to disk, saves the feed's state (naming the part file, so a crash right
     * after is rolled forward by the next run's {@link #open}), then renames the part files into place. A run that
     * delivered nothing new leaves no file: its log line and the metrics say it ran; its state is committed all the same.
     */
    public Path commit(@ExchangeProperty(RunOutput.PROPERTY) RunOutput run) {
        Path directory = run.getOutputDirectory();
        Path part = directory.resolve(run.getPartFileName());
        Path deadLetters = directory.resolve(run.getDeadLetterPartFileName());
        boolean records = size(part) > 0;
        if (records) {
            force(run, part);
        }
        if (Files.exists(deadLetters)) {
            force(run, deadLetters);
        }
        states.commit(run.deliveries(), records ? run.getPartFileName() : null);
        Path target = directory.resolve(run.getFileName());
        if (records) {
            rename(run, part, target);
        } else {
            delete(run, part);
        }
        if (Files.exists(deadLetters)) {
            rename(run, deadLetters, directory.resolve(run.getDeadLetterFileName()));
        }
        // the run's records are where readers find them from now on
        run.delivered(run.takeMoments(), Instant.now());
        LOG.debug("feed {}: wrote {}", run.getFeedId(), records ? target : "no file (nothing new)");
        return records ? target : null;
    }

    private static void delete(RunOutput run, Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("feed {}: could not delete {}: {}", run.getFeedId(), file, e.getMessage());
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    private static void force(RunOutput run, Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("feed " + run.getFeedId() + ": could not write output file " + file, e);
        }
    }

    private static void rename(RunOutput run, Path part, Path target) {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("feed " + run.getFeedId() + ": could not complete output file " + target, e);
        }
    }

    /** {@code .name.jsonl.part} becomes {@code name.jsonl}. */
    private static String finalName(String partName) {
        return partName.substring(1, partName.length() - ".part".length());
    }

    /** The run's own part file, for its dead letters' part file; any other name stays as it is. */
    private static String runPartOf(String partName) {
        return partName.replace(".dead-letters.jsonl.part", ".jsonl.part");
    }

    public void abort(@ExchangeProperty(RunOutput.PROPERTY) RunOutput run) {
        if (run == null) {
            return;
        }
        for (String name : new String[] {run.getPartFileName(), run.getDeadLetterPartFileName()}) {
            Path part = run.getOutputDirectory().resolve(name);
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                LOG.warn("feed {}: could not delete the failed run's part file {}: {}", run.getFeedId(), part, e.getMessage());
            }
        }
    }
}
