package io.cubeintegration;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README.md is a start page and docs/*.md the reference: every relative link and image between them points to a file
 * that exists, and every {@code #anchor} to a heading of its target, slugged as GitHub slugs headings.
 */
class DocsLinksTest {

    /** A markdown link or image: {@code [text](target)} or {@code ![alt](target "title")}. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    private static final int README_MAX_LINES = 300;

    // Every relative link and image of README.md and docs/*.md resolves: the file exists, the anchor is a heading of it.
    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path page : pages()) {
            problems.addAll(brokenLinks(page));
        }
        assertEquals(List.of(), problems);
    }

    // The README stays a start page: at most 300 lines.
    @Test
    void readmeIsAStartPage() throws IOException {
        long lines = Files.readAllLines(Path.of("README.md")).size();
        assertTrue(lines <= README_MAX_LINES, "README.md has " + lines + " lines, at most " + README_MAX_LINES);
    }

    // The README links every page of docs/, so no reference page is out of a reader's reach.
    @Test
    void readmeLinksEveryDocsPage() throws IOException {
        Set<Path> linked = new LinkedHashSet<>();
        Path readme = Path.of("README.md");
        for (String target : links(Files.readString(readme))) {
            if (!isExternal(target)) {
                linked.add(readme.toAbsolutePath().getParent().resolve(fileOf(target)).normalize());
            }
        }
        for (Path page : pages()) {
            if (page.getParent() != null && page.getParent().endsWith("docs")) {
                assertTrue(linked.contains(page.toAbsolutePath().normalize()), "README.md does not link " + page);
            }
        }
    }

    // The checker itself finds a missing file and a missing anchor, and leaves alone what is good, external or code.
    @Test
    void checkerReportsBrokenLinksOnly(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("other.md"), """
                # Other page
                ## Run as a cluster
                ```bash
                # not a heading: a comment in a code block
                ```
                """);
        Path page = Files.writeString(folder.resolve("page.md"), """
                # Page
                ## The `--once` run, 2.0!
                [good file](other.md) [good anchor](other.md#run-as-a-cluster) [own anchor](#the---once-run-20)
                ![image](other.md) [web](https://example.com/x.md) [mail](mailto:someone@example.com)
                [missing file](nowhere.md) [missing anchor](other.md#run-a-cluster) [code heading](other.md#not-a-heading-a-comment-in-a-code-block)
                `[inline code](nowhere.md)`
                ```
                [fenced](nowhere.md)
                ```
                """);

        assertEquals(List.of(
                page + ": [missing file](nowhere.md): no such file",
                page + ": [missing anchor](other.md#run-a-cluster): no heading run-a-cluster in " + folder.resolve("other.md"),
                page + ": [code heading](other.md#not-a-heading-a-comment-in-a-code-block): no heading "
                        + "not-a-heading-a-comment-in-a-code-block in " + folder.resolve("other.md")),
                brokenLinks(page));
    }

    // Headings are slugged as GitHub does: lowercase, punctuation but '-' and '_' dropped, spaces to '-', repeats numbered.
    @Test
    void headingsAreSluggedAsGitHubDoes() {
        assertEquals(List.of("run-as-a-cluster", "windows-state-and-reliability", "the---once-run-20", "cube_feed_state-rows",
                        "ø-and-æ", "run-as-a-cluster-1"),
                anchors(List.of("Run as a cluster", "Windows, state and reliability", "The `--once` run, 2.0!",
                        "**cube_feed_state** rows", "Ø and Æ", "Run as a cluster")));
    }

    /** README.md and every docs/*.md. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** One line per link of the page that does not resolve: the page, the link, the reason. */
    static List<String> brokenLinks(Path page) throws IOException {
        List<String> problems = new ArrayList<>();
        String text = Files.readString(page);
        Matcher link = LINK.matcher(withoutCode(text));
        while (link.find()) {
            String target = link.group(1);
            if (isExternal(target)) {
                continue;
            }
            String file = fileOf(target);
            Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
            if (!Files.exists(resolved)) {
                problems.add(page + ": " + link.group() + ": no such file");
                continue;
            }
            int hash = target.indexOf('#');
            if (hash >= 0) {
                String anchor = URLDecoder.decode(target.substring(hash + 1), StandardCharsets.UTF_8);
                List<String> anchors = Files.isRegularFile(resolved) ? anchors(headings(Files.readString(resolved))) : List.of();
                if (!anchors.contains(anchor)) {
                    problems.add(page + ": " + link.group() + ": no heading " + anchor + " in " + (file.isEmpty() ? page : resolved));
                }
            }
        }
        return problems;
    }

    private static boolean isExternal(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:");
    }

    /** The file part of a link's target, percent-decoded: empty for an anchor alone. */
    private static String fileOf(String target) {
        int hash = target.indexOf('#');
        return URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
    }

    /** The link targets of a markdown text, outside code. */
    private static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        Matcher link = LINK.matcher(withoutCode(markdown));
        while (link.find()) {
            targets.add(link.group(1));
        }
        return targets;
    }

    /** The text with fenced code blocks blanked and inline code spans removed, line by line. */
    private static String withoutCode(String markdown) {
        StringBuilder kept = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                kept.append('\n');
            } else {
                kept.append(fenced ? "" : INLINE_CODE.matcher(line).replaceAll("")).append('\n');
            }
        }
        return kept.toString();
    }

    /** The headings' texts of a markdown text, in order, outside fenced code. */
    private static List<String> headings(String markdown) {
        List<String> headings = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
            } else if (!fenced) {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    headings.add(heading.group(2));
                }
            }
        }
        return headings;
    }

    /** GitHub's anchors of these headings: each slugged, a repeated slug numbered -1, -2, ... */
    static List<String> anchors(List<String> headings) {
        List<String> anchors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String heading : headings) {
            String slug = slug(heading);
            int count = seen.merge(slug, 1, Integer::sum);
            anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return anchors;
    }

    /** Lowercase, every character but letters, digits, '_', '-' and spaces dropped (backticks too), spaces to '-'. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
    }
}
