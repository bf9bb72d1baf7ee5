package io.cubeintegration.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the feed files are, read once from a CUBE_ROUTES value (a folder, or a glob of files in one folder) for the
 * check, Camel's loader and the reload watcher alike. The folder is taken by its real path: Camel's loader does not
 * look through a symbolic link (a mounted volume's usual form), so a linked folder would pass the check and then
 * declare no feeds.
 *
 * @param routes  the CUBE_ROUTES value, as written
 * @param folder  the folder the files are in, with links resolved where it exists
 * @param pattern the files' names in it, a glob
 */
record FeedFileLocation(String routes, Path folder, String pattern) {

    static FeedFileLocation of(String routes) {
        Path location = Path.of(routes.trim()).toAbsolutePath().normalize();
        if (Files.isDirectory(location)) {
            return new FeedFileLocation(routes, real(location), "*.yaml");
        }
        Path parent = location.getParent() == null ? location.getRoot() : location.getParent();
        return new FeedFileLocation(routes, real(parent), location.getFileName().toString());
    }

    private static Path real(Path folder) {
        try {
            return Files.exists(folder) ? folder.toRealPath() : folder;
        } catch (IOException e) {
            return folder;
        }
    }

    /** The feed files, sorted by name. */
    List<Path> files() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> matcher.matches(file.getFileName()) && !Files.isDirectory(file)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the feed files at " + routes, e);
        }
    }

    /** The files as a Camel routes-include pattern. */
    String camelPattern() {
        return "file:" + folder.resolve(pattern);
    }
}
