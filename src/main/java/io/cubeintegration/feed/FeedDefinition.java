package io.cubeintegration.feed;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.cube.CampaignDirectory;
import io.cubeintegration.cube.CubeConnection;
import io.cubeintegration.cube.ReconcileInterval;
import io.cubeintegration.enrich.AssignmentCustomers;
import io.cubeintegration.enrich.EnrichmentSettings;
import io.cubeintegration.state.FeedLease;
import io.cubeintegration.state.FeedState;
import io.cubeintegration.state.FeedStateStore;
import io.cubeintegration.state.FeedStates;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One feed as declared in a route file: a Cube endpoint, its filters, enrichment and sink. The route templates create
 * one per {@code templatedRoute} as a template-local bean; {@link #validate()} runs when the route is created, so a
 * feed with a bad parameter is refused at start-up with the feed and the parameter named.
 */
public final class FeedDefinition {

    /** Exchange header a backfill sets to choose the first day of a window feed's runs (YYYYMMDD). */
    public static final String FROM_DATE_HEADER = "CubeFromDate";
    /** Exchange header a backfill sets to choose the last day of a window feed's run (YYYYMMDD). */
    public static final String TO_DATE_HEADER = "CubeToDate";
    /** Exchange property holding the feed a trigger is for, from its first step on. */
    public static final String FEED_PROPERTY = "CubeFeed";

    /** The ids of the product's own routes (templates/*.yaml): no feed may take one. */
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

    /** The sinks a feed can name; each has its {@code direct:cube-<kind>-sink...} routes. */
    private static final Set<String> SINK_KINDS = Set.of("file", "kafka");

    /** Why a set of campaigns or assignments is not one (one id, ids separated by commas, or all), or null. */
    public static String idSetProblem(String set) {
        return FeedPartitions.problem(set, "");
    }

    /** Whether a sink setting names a sink this application has: file, kafka, or kafka:<topic>. */
    public static boolean isSink(String sink) {
        return sink.trim().matches("file|kafka|kafka:[A-Za-z0-9._-]{1,249}");
    }

    private static final Pattern CAMPAIGN_IN_PATH = Pattern.compile("(?:^|/)campaigns/(\\d+)(?:/|$)");
    /** A path that got a set of ids from a placeholder such as {{cube.campaign-id}} set to all or a list. */
    private static final Pattern SET_IN_PATH = Pattern.compile("(?:^|/)(campaigns|assignments)/(all|[0-9 ]*,[0-9, ]*)(?:/|$)");

    private static final Logger LOG = LoggerFactory.getLogger(FeedDefinition.class);

    private String id;
    private FeedKind kind;
    private String path;
    private String filters = "";
    private String enrichText = "false";
    private boolean enrich;
    private String assignmentId = "";
    private String campaignId = "";
    private String campaigns = "";
    private String assignments = "";
    private String campaignFilter = "";
    private CampaignDirectory campaignDirectory;
    /** The partitions of a feed over several campaigns or assignments; null for a feed of one endpoint. */
    private FeedPartitions partitions;
    private String customerIdField = "crm_customer_id";
    private String customerPath = "assignments/{assignment_id}/customers/{customer_id}";
    private String customerListPath = "assignments/{assignment_id}/customers/";
    private String customerKeyField = "id";
    private String enrichPlan = "auto";
    private String sink = "file";
    private String topicPrefix = "cube.";
    private String keyField = "";
    private String idFields = "";
    private String deadLetterTopic = "";
    private String lookbackText = "1";
    private int lookbackDays = 1;
    private String cron = "0 0 * * * ?";
    private String startDate = "";
    private FeedStateStore stateStore;
    private FeedDefinitions definitions;
    private String timeZone = "Europe/Oslo";
    private String outDir = "out";
    private String timestampField = "";
    private String reconcileInterval = "1h";
    private ReadPolicy readPolicy;
    /** How many of the feed's scheduled polls fall within the reconcile interval: how often a kept customer index serves. */
    private long pollsPerInterval = 1;

    private Map<String, String> filterParameters = Map.of();
    private ZoneId zone;

    /**
     * Checks every parameter with the one check the feed files' check runs too ({@link #problems}), then takes the
     * values; the message names the feed and each parameter as the route file spells it.
     */
    public void validate() {
        if (kind == null) {
            throw invalid("kind", "is not set");
        }
        List<String> problems = problems(kind, parameters());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("feed " + id + ": " + String.join("; ", problems));
        }
        if (stateStore == null) {
            throw invalid("stateStore", "is not set");
        }
        enrich = Boolean.parseBoolean(enrichText);
        lookbackDays = Integer.parseInt(lookbackText);
        filterParameters = CubeConnection.parseQuery(filters);
        zone = ZoneId.of(timeZone);
        readPolicy = new ReadPolicy(ReconcileInterval.parse(reconcileInterval));
        pollsPerInterval = pollsWithin(ReconcileInterval.parse(reconcileInterval));
        for (FeedPartition.Kind partitionKind : FeedPartition.Kind.values()) {
            String set = setOf(partitionKind);
            if (set.isBlank()) {
                continue;
            }
            if (FeedPartitions.isPartitioned(set)) {
                partitions = FeedPartitions.parse(partitionKind, set, campaignFilter);
            } else {
                // one id: a plain feed of that endpoint, with the state, folder and topic it always had
                path = path.replace(partitionKind.placeholder(), set.trim());
            }
        }
        if (definitions != null) {
            definitions.register(this);
        }
    }

    /** The feed's parameters by name, as its template filled them in. */
    Map<String, String> parameters() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("feedId", id);
        values.put("path", path);
        values.put("cron", cron);
        values.put("timeZone", timeZone);
        values.put("filters", filters);
        values.put("enrich", enrichText);
        values.put("assignmentId", assignmentId);
        values.put("campaignId", campaignId);
        values.put("campaigns", campaigns);
        values.put("assignments", assignments);
        values.put("campaignFilter", campaignFilter);
        values.put("customerIdField", customerIdField);
        values.put("customerPath", customerPath);
        values.put("customerListPath", customerListPath);
        values.put("customerKeyField", customerKeyField);
        values.put("enrichPlan", enrichPlan);
        values.put("sink", sink);
        values.put("keyField", keyField);
        values.put("idFields", idFields);
        values.put("deadLetterTopic", deadLetterTopic);
        values.put("timestampField", timestampField);
        values.put(TOPIC_PREFIX_VALUE, topicPrefix);
        if (kind == FeedKind.WINDOW) {
            values.put("lookbackDays", lookbackText);
            values.put("startDate", startDate);
        }
        values.values().removeIf(java.util.Objects::isNull);
        return values;
    }

    /**
     * Every problem of a feed's parameter values, one line each ({@code parameter <name> '<value>' <reason>}): each
     * value against its template's declaration ({@link FeedTemplates}), then the rules across parameters. The values
     * are filled in (defaults applied, placeholders resolved). The feed files' check ({@code --validate}, start-up,
     * reload) and the feed's own {@link #validate()} both run this, so they refuse the same values in the same words.
     */
    public static List<String> problems(FeedKind kind, Map<String, String> values) {
        List<String> problems = new ArrayList<>(FeedTemplates.shipped().problems(kind.template(), values));
        if (!problems.isEmpty()) {
            return problems;
        }
        String filters = values.getOrDefault("filters", "");
        Map<String, String> query = CubeConnection.parseQuery(filters);
        if (kind == FeedKind.WINDOW && (query.containsKey("from_date") || query.containsKey("to_date"))) {
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
        int colon = sink.indexOf(':');
        String topic = colon < 0 || sink.substring(colon + 1).isBlank()
                ? values.getOrDefault(TOPIC_PREFIX_VALUE, "").trim() + feedId : sink.substring(colon + 1).trim();
        String deadLetters = values.getOrDefault("deadLetterTopic", "").isBlank() ? topic + ".dlq" : values.get("deadLetterTopic").trim();
        if (topic.length() > MAX_TOPIC_LENGTH || deadLetters.length() > MAX_TOPIC_LENGTH) {
            return List.of("parameter sink '" + sink + "' makes the topic '" + topic + "' and the dead-letter topic '" + deadLetters
                    + "': Kafka takes topic names of at most " + MAX_TOPIC_LENGTH + " characters");
        }
        // the longest name the state store writes: a temporary state file of a campaign (up to 19 digits)
        String longest = "." + feedId + "#" + "9".repeat(19) + "@" + topic + ".state.json.tmp";
        int bytes = longest.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
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

    private IllegalArgumentException invalid(String parameter, String problem) {
        return new IllegalArgumentException("feed " + id + ": parameter " + parameter + " " + problem);
    }

    /** The polls of the feed's schedule within a span of time, at least one. */
    private long pollsWithin(Duration span) {
        try {
            org.quartz.CronExpression schedule = new org.quartz.CronExpression(cron);
            schedule.setTimeZone(java.util.TimeZone.getTimeZone(zone));
            Date first = schedule.getNextValidTimeAfter(new Date());
            Date second = first == null ? null : schedule.getNextValidTimeAfter(first);
            long period = second == null ? 0 : second.getTime() - first.getTime();
            return period <= 0 ? 1 : Math.max(1, span.toMillis() / period);
        } catch (java.text.ParseException e) {
            return 1;
        }
    }

    /** The first step of a trigger: the shared trigger route learns which feed it runs. */
    public void trigger(Exchange exchange) {
        exchange.setProperty(FEED_PROPERTY, this);
    }

    /**
     * Plans what a trigger of this feed fetches and puts the plan on the exchange. A window feed fetches every day
     * from its watermark less the lookback (Cube records arrive late) to today, a day per run; before its first
     * committed run it starts at its start date. A backfill (--from/--to in the headers) fetches the days it names
     * and leaves the watermark alone. A snapshot feed fetches once.
     */
    public List<FeedPlan> plans(Exchange exchange) {
        if (partitions == null) {
            return List.of(plan(exchange, null, null));
        }
        FeedState own = FeedStates.load(stateStore, stateKey(), id);
        Date fired = exchange.getMessage().getHeader("scheduledFireTime", Date.class);
        List<ObjectNode> campaignList = campaignDirectory.campaigns(id, fired == null ? null : fired.toInstant());
        FeedPartitions.Chosen chosen = partitions.choose(campaignList, own.partitions());
        LocalDate today = LocalDate.now(zone);
        boolean changed = false;
        for (String gone : chosen.closedUnseen()) {
            LOG.warn("feed {}: {} {} is no longer in the campaigns list (GET {}): it closes without a last catch-up; its state is kept",
                    id, partitions.kind().word(), gone, campaignDirectory.path());
            own.partitionClosed(gone, today);
            changed = true;
        }
        for (FeedPartition partition : chosen.partitions()) {
            if (!partition.lastCatchUp()) {
                changed |= own.partitionOpen(partition.key());
            }
        }
        if (changed) {
            stateStore.save(stateKey(), own);
        }
        List<FeedPlan> plans = new ArrayList<>();
        // campaigns of one assignment share its customers within the trigger
        Map<Integer, AssignmentCustomers> customers = new HashMap<>();
        for (FeedPartition partition : chosen.partitions()) {
            Integer assignment = enrich ? enrichmentSettings(partition).assignmentId() : null;
            plans.add(plan(exchange, partition, assignment == null ? null : customers.computeIfAbsent(assignment, a -> new AssignmentCustomers())));
        }
        exchange.setProperty(FeedPlan.PARTITIONED_PROPERTY, new PartitionedTrigger(this, own, plans));
        return plans;
    }

    /**
     * A partitioned feed's campaigns, with its own state, after its trigger's runs: those whose last catch-up
     * succeeded close, and the summary line says how the campaigns went.
     */
    record PartitionedTrigger(FeedDefinition feed, FeedState own, List<FeedPlan> plans) {
    }

    /** Closes the partitions whose last catch-up went through, in the feed's own state. */
    void closeCaughtUp(PartitionedTrigger trigger) {
        boolean changed = false;
        for (FeedPlan plan : trigger.plans()) {
            if (plan.partition().lastCatchUp() && plan.succeeded()) {
                trigger.own().partitionClosed(plan.partition().key(), LocalDate.now(zone));
                changed = true;
            }
        }
        if (changed) {
            stateStore.save(stateKey(), trigger.own());
        }
    }

    private FeedPlan plan(Exchange exchange, FeedPartition partition, AssignmentCustomers customers) {
        String from = exchange.getMessage().getHeader(FROM_DATE_HEADER, String.class);
        String to = exchange.getMessage().getHeader(TO_DATE_HEADER, String.class);
        FeedState state = FeedStates.load(stateStore, stateKey(partition), id);
        boolean backfill = from != null;
        List<FeedWindow> windows = new ArrayList<>();
        if (kind == FeedKind.SNAPSHOT) {
            if (backfill || to != null) {
                throw new IllegalArgumentException("feed " + id + " is a snapshot feed: --from/--to apply to window feeds only");
            }
            windows.add(null);
        } else {
            LocalDate today = LocalDate.now(zone);
            LocalDate first;
            LocalDate last;
            if (backfill) {
                first = FeedWindow.parseDate(from, "--from");
                last = to == null ? first : FeedWindow.parseDate(to, "--to");
            } else {
                first = state.watermark() == null ? startDate(today, partition) : state.watermark().minusDays(lookbackDays);
                // the look-back reaches back for late records, never before the feed's first day or a reset's day
                state.startsAt(first);
                if (first.isBefore(state.notBefore())) {
                    first = state.notBefore();
                }
                // a campaign's last catch-up ends on the day Cube archived it
                last = partition != null && partition.lastDay() != null && partition.lastDay().isBefore(today) ? partition.lastDay() : today;
            }
            if (backfill) {
                new FeedWindow(first, last);
            } else if (first.isAfter(last)) {
                first = last;
            }
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                windows.add(new FeedWindow(day, day));
            }
        }
        FeedLease lease = exchange.getProperty(FeedTriggers.LEASE_PROPERTY, FeedLease.class);
        // each run decides as it begins whether its day's tail will do: the plan's runs begin one after the other
        String trigger = scheduledFireTime(exchange);
        return new FeedPlan(partition, windows, window -> new FeedRun(this, partition, window, state, lease, backfill, customers,
                window == null ? ReadPolicy.Plan.full("snapshot")
                        : readPolicy.plan(window.to(), state.dayRead(window.to()), zone, Instant.now(), backfill), trigger != null),
                trigger);
    }

    /** The fire time Quartz scheduled this trigger for, marked when a cluster recovers it from a lost instance. */
    private static String scheduledFireTime(Exchange exchange) {
        Date scheduled = exchange.getMessage().getHeader("scheduledFireTime", Date.class);
        if (scheduled == null) {
            return null;
        }
        String name = exchange.getMessage().getHeader("triggerName", String.class);
        return scheduled.toInstant() + (name != null && name.startsWith("recover_") ? " (recovering the run of a lost instance)" : "");
    }

    /** A new feed's first day: its start date, or today; a new campaign's not before the campaign started. */
    private LocalDate startDate(LocalDate today, FeedPartition partition) {
        LocalDate first = startDate.isBlank() ? today : FeedWindow.parseDate(startDate, "feed " + id + ": startDate (or CUBE_START_DATE)");
        return partition != null && partition.startDate() != null && partition.startDate().isAfter(first)
                ? (partition.startDate().isAfter(today) ? today : partition.startDate()) : first;
    }

    /** How many days of deliveries the state keeps for duplicate detection: the lookback and a day's margin. */
    public int deliveryMemoryDays() {
        return lookbackDays + 1;
    }

    /**
     * How the feed finds each record's customer, for its runs' enrichment: a partition's campaign and assignment are
     * its own, from the campaigns list.
     */
    public EnrichmentSettings enrichmentSettings(FeedPartition partition) {
        return enrichmentSettings(partition, false);
    }

    /**
     * The same for a run: one on the schedule may index the customer list for the polls that follow within the
     * reconcile interval; one by hand ({@code --once}) for itself alone.
     */
    EnrichmentSettings enrichmentSettings(FeedPartition partition, boolean scheduled) {
        Integer assignment = assignmentId.isBlank() ? null : Integer.valueOf(assignmentId.trim());
        long reuse = scheduled ? pollsPerInterval : 1;
        if (partition == null) {
            return new EnrichmentSettings(id, enrichPlan, customerIdField, customerPath, customerListPath, customerKeyField,
                    campaignIdForEnrichment(campaignId, path), assignment, reuse);
        }
        boolean byCampaign = partition.kind() == FeedPartition.Kind.CAMPAIGN;
        return new EnrichmentSettings(id, enrichPlan, customerIdField, customerPath, customerListPath, customerKeyField,
                byCampaign ? Integer.valueOf((int) partition.id()) : null,
                assignment != null ? assignment : partition.assignmentId(), reuse);
    }

    /** The campaign whose assignment enrichment looks up: the campaignId parameter, else the one in the path. */
    private static Integer campaignIdForEnrichment(String campaignId, String path) {
        if (!campaignId.isBlank()) {
            return Integer.valueOf(campaignId.trim());
        }
        Matcher matcher = CAMPAIGN_IN_PATH.matcher(path == null ? "" : path);
        return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
    }

    /**
     * The key of the feed's state: the feed id for the file sink, the feed id and the topic for Kafka. The state
     * belongs to a feed and where it delivers: a feed that moves to another topic delivers everything to it, as a
     * feed that starts there would.
     */
    public String stateKey() {
        return stateKeyOf(null);
    }

    /** A partition's state key: the feed's id and the partition's, then the topic for Kafka ({@code responses#926@cube.responses}). */
    String stateKey(FeedPartition partition) {
        return stateKeyOf(partition == null ? null : partition.key());
    }

    private String stateKeyOf(String partition) {
        String owner = partition == null ? id : id + "#" + partition;
        return sinkKind().equals("kafka") ? owner + "@" + getTopic() : owner;
    }

    /**
     * The state keys that hold the feed's watermarks: its own, or for a feed over several campaigns each campaign's
     * it ever ran (its own state lists them), as {@code --reset-watermark} moves them.
     */
    public List<String> watermarkStateKeys() {
        if (partitions == null) {
            return List.of(stateKey());
        }
        return FeedStates.load(stateStore, stateKey(), id).partitions().keySet().stream().map(this::stateKeyOf).toList();
    }

    /** Whether the feed runs over several campaigns or assignments. */
    public boolean isPartitioned() {
        return partitions != null;
    }

    /**
     * For the start-up summary: the campaigns or assignments a partitioned feed runs over, as its file names them
     * ({@code , for campaigns all matching client__id=17}), or nothing for a plain feed.
     */
    public String partitionDescription() {
        if (partitions == null) {
            return "";
        }
        return ", for " + partitions.kind().parameter() + " " + setOf(partitions.kind()).trim()
                + (partitions.all() && !campaignFilter.isBlank() ? " matching " + campaignFilter : "");
    }

    /** The campaigns or assignments parameter, as the feed file gives it. */
    private String setOf(FeedPartition.Kind kind) {
        return kind == FeedPartition.Kind.CAMPAIGN ? campaigns : assignments;
    }

    /** What a partitioned feed runs over, or null. */
    public FeedPartition.Kind partitionKind() {
        return partitions == null ? null : partitions.kind();
    }

    /** The sink's kind, the scheme of the sink parameter: it picks the {@code direct:cube-<kind>-sink} route. */
    public String sinkKind() {
        int colon = sink.indexOf(':');
        return (colon < 0 ? sink : sink.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The Kafka topic of a kafka sink: {@code kafka:<topic>}, or the topic prefix and the feed id for plain {@code kafka}. */
    public String getTopic() {
        int colon = sink.indexOf(':');
        return colon < 0 || sink.substring(colon + 1).isBlank() ? topicPrefix + id : sink.substring(colon + 1).trim();
    }

    /** Where a kafka sink sends records it cannot publish or process: the deadLetterTopic parameter, else {@code <topic>.dlq}. */
    public String getDeadLetterTopic() {
        return deadLetterTopic.isBlank() ? getTopic() + ".dlq" : deadLetterTopic.trim();
    }

    /** Where records go, for log lines: the output folder or the topic. */
    public String sinkDescription() {
        return sinkKind().equals("kafka") ? "topic " + getTopic() : outputDirectory().toString();
    }

    /** The fields that identify a record, in order; empty means the record's whole content identifies it. */
    public List<String> idFieldNames() {
        return idFields.isBlank() ? List.of()
                : List.of(idFields.split(",")).stream().map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    /** The folder a file sink writes this feed's runs to: {@code <out dir>/<feed id>}. */
    public Path outputDirectory() {
        return Path.of(outDir).toAbsolutePath().normalize().resolve(id);
    }

    /** A partition's folder: {@code <out dir>/<feed id>/<campaign or assignment id>}. */
    public Path outputDirectory(FeedPartition partition) {
        return Path.of(outDir).toAbsolutePath().normalize().resolve(outputFolder(partition));
    }

    /** A run's folder below the out dir, as the file sink names its files: {@code responses} or {@code responses/926}. */
    public String outputFolder(FeedPartition partition) {
        return partition == null ? id : id + "/" + partition.key();
    }

    public Map<String, String> filterParameters() {
        return filterParameters;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public FeedKind getKind() {
        return kind;
    }

    public void setKind(FeedKind kind) {
        this.kind = kind;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getFilters() {
        return filters;
    }

    public void setFilters(String filters) {
        this.filters = filters == null ? "" : filters;
    }

    public boolean isEnrich() {
        return enrich;
    }

    public void setEnrich(String enrich) {
        this.enrichText = enrich == null ? "" : enrich;
    }

    public String getAssignmentId() {
        return assignmentId;
    }

    public void setAssignmentId(String assignmentId) {
        this.assignmentId = assignmentId == null ? "" : assignmentId;
    }

    public String getCampaigns() {
        return campaigns;
    }

    public void setCampaigns(String campaigns) {
        this.campaigns = campaigns == null ? "" : campaigns;
    }

    public String getAssignments() {
        return assignments;
    }

    public void setAssignments(String assignments) {
        this.assignments = assignments == null ? "" : assignments;
    }

    public String getCampaignFilter() {
        return campaignFilter;
    }

    public void setCampaignFilter(String campaignFilter) {
        this.campaignFilter = campaignFilter == null ? "" : campaignFilter;
    }

    public void setCampaignDirectory(CampaignDirectory campaignDirectory) {
        this.campaignDirectory = campaignDirectory;
    }

    public String getCampaignId() {
        return campaignId;
    }

    public void setCampaignId(String campaignId) {
        this.campaignId = campaignId == null ? "" : campaignId;
    }

    public String getCustomerIdField() {
        return customerIdField;
    }

    public void setCustomerIdField(String customerIdField) {
        this.customerIdField = customerIdField;
    }

    public String getCustomerPath() {
        return customerPath;
    }

    public void setCustomerPath(String customerPath) {
        this.customerPath = customerPath;
    }

    public String getCustomerListPath() {
        return customerListPath;
    }

    public void setCustomerListPath(String customerListPath) {
        this.customerListPath = customerListPath;
    }

    public String getCustomerKeyField() {
        return customerKeyField;
    }

    public void setCustomerKeyField(String customerKeyField) {
        this.customerKeyField = customerKeyField == null ? "" : customerKeyField;
    }

    public String getEnrichPlan() {
        return enrichPlan;
    }

    public void setEnrichPlan(String enrichPlan) {
        this.enrichPlan = enrichPlan == null ? "" : enrichPlan;
    }

    public String getSink() {
        return sink;
    }

    public void setSink(String sink) {
        this.sink = sink == null ? "" : sink;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix == null ? "" : topicPrefix.trim();
    }

    public String getKeyField() {
        return keyField;
    }

    public void setKeyField(String keyField) {
        this.keyField = keyField == null ? "" : keyField;
    }

    public String getIdFields() {
        return idFields;
    }

    public void setIdFields(String idFields) {
        this.idFields = idFields == null ? "" : idFields;
    }

    public void setDeadLetterTopic(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic == null ? "" : deadLetterTopic;
    }

    public int getLookbackDays() {
        return lookbackDays;
    }

    public void setLookbackDays(String lookbackDays) {
        this.lookbackText = lookbackDays == null ? "" : lookbackDays;
    }

    public String getCron() {
        return cron;
    }

    public void setCron(String cron) {
        this.cron = cron;
    }

    public String getStartDate() {
        return startDate;
    }

    public void setStartDate(String startDate) {
        this.startDate = startDate == null ? "" : startDate;
    }

    public void setDefinitions(FeedDefinitions definitions) {
        this.definitions = definitions;
    }

    public void setStateStore(FeedStateStore stateStore) {
        this.stateStore = stateStore;
    }

    public FeedStateStore stateStore() {
        return stateStore;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public String getOutDir() {
        return outDir;
    }

    /** The field holding a record's own moment, for its lag at delivery; empty: none is measured. */
    public String getTimestampField() {
        return timestampField;
    }

    public void setTimestampField(String timestampField) {
        this.timestampField = timestampField == null ? "" : timestampField.trim();
    }

    public void setReconcileInterval(String reconcileInterval) {
        this.reconcileInterval = reconcileInterval;
    }

    /** The feed's time zone: of its schedule and of "today". */
    ZoneId zone() {
        return zone;
    }

    public void setOutDir(String outDir) {
        this.outDir = outDir;
    }

    @Override
    public String toString() {
        return "feed " + id + " (" + (kind == null ? "?" : kind.name().toLowerCase(Locale.ROOT)) + " " + path + ")";
    }
}
