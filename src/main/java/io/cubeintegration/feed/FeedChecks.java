package io.cubeintegration.feed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cubeintegration.cube.CubeConnection;

/**
 * The rules a feed's parameters must keep, one line per problem ({@code parameter <name> '<value>' <reason>}): each
 * value against its kamelet's declaration ({@link FeedKamelets}), then the rules across parameters. The feed files'
 * check ({@code --validate}, start-up, reload) and the feed's own making ({@link FeedParameters#build()}) both run
 * them, so they refuse the same values in the same words.
 */
public final class FeedChecks {

    /** The ids of the product's own routes (the shared routes' files): no feed may take one. */
    public static final List<String> RESERVED_ROUTE_IDS = List.of("cube-feed-*", "cube-file-*", "cube-kafka-*");
    /**
     * The longest feed id: it names the state files ({@code .<feed>#<campaign>@<topic>.state.json.tmp} is the longest),
     * the output folder and, with a prefix, the Kafka topic, each within what file systems (255 bytes a name) and Kafka
     * (249 characters a topic) allow.
     */
    public static final int MAX_FEED_ID_LENGTH = 100;
    /** The value a feed's check is given for the topic prefix setting (cube.topic-prefix), beside the parameters. */
    static final String TOPIC_PREFIX_VALUE = "cube.topic-prefix";
    /** The longest file name most file systems take, in bytes. */
    private static final int MAX_FILE_NAME_BYTES = 255;
    /** The longest Kafka topic name. */
    private static final int MAX_TOPIC_LENGTH = 249;
    private static final Pattern CAMPAIGN_IN_PATH = Pattern.compile("(?:^|/)campaigns/(\\d+)(?:/|$)");
    /** A path that got a set of ids from a placeholder such as {{cube.campaign-id}} set to all or a list. */
    private static final Pattern SET_IN_PATH = Pattern.compile("(?:^|/)(campaigns|assignments)/(all|[0-9 ]*,[0-9, ]*)(?:/|$)");

    private FeedChecks() {
    }

    /** Why a set of campaigns or assignments is not one (one id, ids separated by commas, or all), or null. */
    public static String idSetProblem(String set) {
        return FeedPartitions.problem(set, "");
    }

    /** Whether a sink setting names a sink this application has: file, kafka, or kafka:<topic>. */
    public static boolean isSink(String sink) {
        return sink.trim().matches("file|kafka|kafka:[A-Za-z0-9._-]{1,249}");
    }

    /** Every problem of a feed's parameter values, filled in (defaults applied, placeholders resolved). */
    public static List<String> problems(FeedKamelet kind, Map<String, String> values) {
        List<String> problems = new ArrayList<>(FeedKamelets.shipped().problems(kind.kameletName(), values));
        if (!problems.isEmpty()) {
            return problems;
        }
        String filters = values.getOrDefault("filters", "");
        Map<String, String> query = CubeConnection.parseQuery(filters);
        if (kind == FeedKamelet.WINDOW && (query.containsKey("from_date") || query.containsKey("to_date"))) {
            problems.add("parameter filters '" + filters + "' must not set from_date or to_date: the window feed chooses its dates");
        }
        problems.addAll(nameProblems(values));
        String path = values.getOrDefault("path", "");
        problems.addAll(partitionProblems(path, values));
        if (!problems.isEmpty()) {
            return problems;
        }
        String campaignSet = values.getOrDefault("campaigns", "");
        String filledPath = campaignSet.isBlank() || FeedPartitions.isPartitioned(campaignSet) ? path
                : path.replace(FeedPartition.Kind.CAMPAIGN.placeholder(), campaignSet.trim());
        String customerPath = values.getOrDefault("customerPath", "");
        if ("true".equals(values.get("enrich")) && customerPath.contains("{assignment_id}")
                && values.getOrDefault("assignmentId", "").isBlank()
                && !(FeedPartitions.isPartitioned(campaignSet) || FeedPartitions.isPartitioned(values.getOrDefault("assignments", "")))
                && campaignIdForEnrichment(values.getOrDefault("campaignId", ""), filledPath) == null) {
            problems.add("parameter assignmentId '' is needed for enrichment: the path names no campaign to look the assignment up by");
        }
        return problems;
    }

    /**
     * What the feed's names become must fit where they go: a Kafka feed's topic and dead-letter topic within Kafka's
     * length, and its state file names (feed id, a campaign id, the topic) within a file name's.
     */
    private static List<String> nameProblems(Map<String, String> values) {
        String sink = values.getOrDefault("sink", "").trim();
        if (!sink.startsWith("kafka")) {
            return List.of();
        }
        String feedId = values.getOrDefault("feedId", "");
        String topic = FeedSpec.topic(sink, values.getOrDefault(TOPIC_PREFIX_VALUE, ""), feedId);
        String deadLetters = FeedSpec.deadLetterTopic(values.get("deadLetterTopic"), topic);
        if (topic.length() > MAX_TOPIC_LENGTH || deadLetters.length() > MAX_TOPIC_LENGTH) {
            return List.of("parameter sink '" + sink + "' makes the topic '" + topic + "' and the dead-letter topic '" + deadLetters
                    + "': Kafka takes topic names of at most " + MAX_TOPIC_LENGTH + " characters");
        }
        // the longest name the state store writes: a temporary state file of a campaign (up to 19 digits)
        String longest = "." + feedId + "#" + "9".repeat(19) + "@" + topic + ".state.json.tmp";
        int bytes = longest.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_FILE_NAME_BYTES) {
            return List.of("parameter sink '" + sink + "': the feed id and the topic '" + topic + "' together make state file names of "
                    + bytes + " bytes, more than the " + MAX_FILE_NAME_BYTES + " a file system takes: shorten the feed id or the topic");
        }
        return List.of();
    }

    /**
     * The rules of a feed over campaigns or assignments: a {@code {campaign_id}} in the path needs the campaigns
     * parameter and the other way round (likewise assignments), one kind of set per feed, and a set given where the
     * path wanted a placeholder gets told how to write it.
     */
    private static List<String> partitionProblems(String path, Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        Matcher set = SET_IN_PATH.matcher(path);
        if (set.find()) {
            String parameter = set.group(1);
            problems.add("parameter path '" + path + "' names " + parameter + " '" + set.group(2) + "': for a feed over several "
                    + parameter + ", write {" + parameter.substring(0, parameter.length() - 1) + "_id} in the path and give the set as"
                    + " the feed's " + parameter + " parameter (e.g. " + parameter + ": \"{{cube." + parameter.substring(0, parameter.length() - 1)
                    + "-id}}\", as the shipped routes/ do)");
            return problems;
        }
        int partitioned = 0;
        for (FeedPartition.Kind kind : FeedPartition.Kind.values()) {
            String value = values.getOrDefault(kind.parameter(), "");
            String problem = FeedPartitions.problem(value, values.getOrDefault("campaignFilter", ""));
            if (problem != null) {
                problems.add("parameter " + kind.parameter() + " '" + value + "' " + problem);
            } else if (path.contains(kind.placeholder()) && value.isBlank()) {
                problems.add("parameter " + kind.parameter() + " '' is needed: the path has " + kind.placeholder()
                        + " (one id, ids separated by commas, or all)");
            } else if (!path.contains(kind.placeholder()) && !value.isBlank()) {
                problems.add("parameter " + kind.parameter() + " '" + value + "' fills " + kind.placeholder() + ", which the path '"
                        + path + "' lacks");
            } else if (!value.isBlank() && FeedPartitions.isPartitioned(value)) {
                partitioned++;
            }
        }
        if (partitioned > 1) {
            problems.add("parameters campaigns and assignments both name several ids: a feed runs over campaigns or over"
                    + " assignments, not both");
        }
        return problems;
    }

    /** The campaign whose assignment enrichment looks up: the campaignId parameter, else the one in the path. */
    static Integer campaignIdForEnrichment(String campaignId, String path) {
        if (!campaignId.isBlank()) {
            return Integer.valueOf(campaignId.trim());
        }
        Matcher matcher = CAMPAIGN_IN_PATH.matcher(path == null ? "" : path);
        return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
    }

}
