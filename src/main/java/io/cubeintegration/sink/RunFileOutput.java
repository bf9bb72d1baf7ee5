package io.cubeintegration.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import io.cubeintegration.feed.FeedDefinition;
import io.cubeintegration.feed.FeedRun;
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

    /** Makes the feed's output folder, so a folder that cannot be written fails the run before Cube is asked. */
    public void open(@ExchangeProperty(FeedDefinition.RUN_PROPERTY) FeedRun run) {
        try {
            Files.createDirectories(run.getOutputDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("feed " + run.feedId() + ": cannot create output folder " + run.getOutputDirectory(), e);
        }
    }

    public Path commit(@ExchangeProperty(FeedDefinition.RUN_PROPERTY) FeedRun run) {
        Path directory = run.getOutputDirectory();
        Path target = directory.resolve(run.getFileName());
        // an empty run still gets its (empty) file: it tells readers the run happened and found nothing
        complete(run, directory.resolve(run.getPartFileName()), target, true);
        complete(run, directory.resolve(run.getDeadLetterPartFileName()), directory.resolve(run.getDeadLetterFileName()), false);
        LOG.debug("feed {}: wrote {}", run.feedId(), target);
        return target;
    }

    private static void complete(FeedRun run, Path part, Path target, boolean evenWhenEmpty) {
        if (!evenWhenEmpty && !Files.exists(part)) {
            return;
        }
        try {
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("feed " + run.feedId() + ": could not complete output file " + target, e);
        }
    }

    public void abort(@ExchangeProperty(FeedDefinition.RUN_PROPERTY) FeedRun run) {
        if (run == null) {
            return;
        }
        for (String name : new String[] {run.getPartFileName(), run.getDeadLetterPartFileName()}) {
            Path part = run.getOutputDirectory().resolve(name);
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                LOG.warn("feed {}: could not delete the failed run's part file {}: {}", run.feedId(), part, e.getMessage());
            }
        }
    }
}
