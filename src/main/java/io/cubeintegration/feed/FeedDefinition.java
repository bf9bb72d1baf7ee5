package io.cubeintegration.feed;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cubeintegration.cube.CubeConnection;
import io.cubeintegration.enrich.EnrichmentSettings;
import io.cubeintegration.state.FeedLease;
import io.cubeintegration.state.FeedState;
import io.cubeintegration.state.FeedStateStore;
import io.cubeintegration.state.FeedStates;
import org.apache.camel.Exchange;

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

    /** The sinks a feed can name; each has its {@code direct:cube-<kind>-sink...} routes. */
    private static final Set<String> SINK_KINDS = Set.of("file", "kafka");

    /** Whether a sink setting names a sink this application has: file, kafka, or kafka:<topic>. */
    public static boolean isSink(String sink) {
        return sink.trim().matches("file|kafka|kafka:[A-Za-z0-9._-]{1,249}");
    }

    private static final Pattern CAMPAIGN_IN_PATH = Pattern.compile("(?:^|/)campaigns/(\\d+)(?:/|$)");

    private String id;
    private FeedKind kind;
    private String path;
    private String filters = "";
    private String enrichText = "false";
    private boolean enrich;
    private String assignmentId = "";
    private String campaignId = "";
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
        values.put("customerIdField", customerIdField);
        values.put("customerPath", customerPath);
        values.put("customerListPath", customerListPath);
        values.put("customerKeyField", customerKeyField);
        values.put("enrichPlan", enrichPlan);
        values.put("sink", sink);
        values.put("keyField", keyField);
        values.put("idFields", idFields);
        values.put("deadLetterTopic", deadLetterTopic);
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
        String customerPath = values.getOrDefault("customerPath", "");
        if ("true".equals(values.get("enrich")) && customerPath.contains("{assignment_id}")
                && values.getOrDefault("assignmentId", "").isBlank()
                && campaignIdForEnrichment(values.getOrDefault("campaignId", ""), values.getOrDefault("path", "")) == null) {
            problems.add("parameter assignmentId '' is needed for enrichment: the path names no campaign to look the assignment up by");
        }
        return problems;
    }

    private IllegalArgumentException invalid(String parameter, String problem) {
        return new IllegalArgumentException("feed " + id + ": parameter " + parameter + " " + problem);
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
    public FeedPlan plan(Exchange exchange) {
        String from = exchange.getMessage().getHeader(FROM_DATE_HEADER, String.class);
        String to = exchange.getMessage().getHeader(TO_DATE_HEADER, String.class);
        FeedState state = FeedStates.load(stateStore, stateKey(), id);
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
                first = state.watermark() == null ? startDate(today) : state.watermark().minusDays(lookbackDays);
                // the look-back reaches back for late records, never before the feed's first day or a reset's day
                state.startsAt(first);
                if (first.isBefore(state.notBefore())) {
                    first = state.notBefore();
                }
                last = today;
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
        FeedPlan plan = new FeedPlan(windows, window -> new FeedRun(this, window, state, lease, backfill), scheduledFireTime(exchange));
        exchange.setProperty(FeedPlan.PLAN_PROPERTY, plan);
        return plan;
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

    private LocalDate startDate(LocalDate today) {
        return startDate.isBlank() ? today : FeedWindow.parseDate(startDate, "feed " + id + ": startDate (or CUBE_START_DATE)");
    }

    /** How many days of deliveries the state keeps for duplicate detection: the lookback and a day's margin. */
    public int deliveryMemoryDays() {
        return lookbackDays + 1;
    }

    /** How the feed finds each record's customer, for its runs' enrichment. */
    public EnrichmentSettings enrichmentSettings() {
        return new EnrichmentSettings(id, enrichPlan, customerIdField, customerPath, customerListPath, customerKeyField,
                campaignIdForEnrichment(campaignId, path), assignmentId.isBlank() ? null : Integer.valueOf(assignmentId.trim()));
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
        return sinkKind().equals("kafka") ? id + "@" + getTopic() : id;
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

    public void setOutDir(String outDir) {
        this.outDir = outDir;
    }

    @Override
    public String toString() {
        return "feed " + id + " (" + (kind == null ? "?" : kind.name().toLowerCase(Locale.ROOT)) + " " + path + ")";
    }
}
