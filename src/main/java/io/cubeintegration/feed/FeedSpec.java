package io.cubeintegration.feed;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import io.cubeintegration.cube.CubeConnection;
import io.cubeintegration.cube.ReconcileInterval;
import io.cubeintegration.enrich.EnrichmentSettings;
import org.apache.camel.Exchange;
import org.quartz.CronExpression;

/**
 * One feed as its feed file declares it, made once from its kamelet's parameters and not changed after: a Cube
 * endpoint, its schedule, filters, enrichment and sink, and what follows from them (its state keys, output folders,
 * topics). Every default is the kamelet's (or a setting's); {@link FeedParameters#build()} refuses a feed whose values
 * break a rule of {@link FeedChecks}, naming the feed and the parameter, so a bad feed never starts.
 */
public final class FeedSpec {

    /** Exchange property holding the feed a trigger is for, from its first step on. */
    public static final String PROPERTY = "CubeFeed";

    private final String id;
    private final FeedKamelet kamelet;
    private final String path;
    private final String filters;
    private final Map<String, String> filterParameters;
    private final boolean enrich;
    private final String assignmentId;
    private final String campaignId;
    private final FeedPartitions partitions;
    private final String partitionSet;
    private final String campaignFilter;
    private final String customerIdField;
    private final String customerPath;
    private final String customerListPath;
    private final String customerKeyField;
    private final String enrichPlan;
    private final String sink;
    private final String topicPrefix;
    private final String keyField;
    private final String idFields;
    private final String deadLetterTopic;
    private final int lookbackDays;
    private final String cron;
    private final String startDate;
    private final ZoneId zone;
    private final String outDir;
    private final String timestampField;
    private final ReadPolicy readPolicy;
    /** How many of the feed's scheduled polls fall within the reconcile interval: how often a kept customer index serves. */
    private final long pollsPerInterval;

    FeedSpec(FeedKamelet kamelet, Map<String, String> values) {
        this.kamelet = kamelet;
        this.id = values.get("feedId");
        this.filters = values.get("filters");
        this.filterParameters = CubeConnection.parseQuery(filters);
        this.enrich = Boolean.parseBoolean(values.get("enrich"));
        this.assignmentId = values.get("assignmentId");
        this.campaignId = values.get("campaignId");
        this.campaignFilter = values.get("campaignFilter");
        this.customerIdField = values.get("customerIdField");
        this.customerPath = values.get("customerPath");
        this.customerListPath = values.get("customerListPath");
        this.customerKeyField = values.get("customerKeyField");
        this.enrichPlan = values.get("enrichPlan");
        this.sink = values.get("sink");
        this.topicPrefix = values.get(FeedChecks.TOPIC_PREFIX_VALUE).trim();
        this.keyField = values.get("keyField");
        this.idFields = values.get("idFields");
        this.deadLetterTopic = values.get("deadLetterTopic");
        this.lookbackDays = kamelet == FeedKamelet.WINDOW ? Integer.parseInt(values.get("lookbackDays")) : 0;
        this.startDate = kamelet == FeedKamelet.WINDOW ? values.get("startDate") : "";
        this.cron = values.get("cron");
        this.zone = ZoneId.of(values.get("timeZone"));
        this.outDir = values.get("outDir");
        this.timestampField = values.get("timestampField").trim();
        Duration interval = ReconcileInterval.parse(values.get("reconcileInterval"));
        this.readPolicy = new ReadPolicy(interval);
        this.pollsPerInterval = pollsWithin(interval);
        String filled = values.get("path");
        FeedPartitions over = null;
        String set = "";
        for (FeedPartition.Kind partitionKind : FeedPartition.Kind.values()) {
            String ids = values.get(partitionKind.parameter());
            if (ids.isBlank()) {
                continue;
            }
            if (FeedPartitions.isPartitioned(ids)) {
                over = FeedPartitions.parse(partitionKind, ids, campaignFilter);
                set = ids.trim();
            } else {
                // one id: a plain feed of that endpoint, with the state, folder and topic it always had
                filled = filled.replace(partitionKind.placeholder(), ids.trim());
            }
        }
        this.path = filled;
        this.partitions = over;
        this.partitionSet = set;
    }

    /** The first step of a trigger: the shared trigger route learns which feed it runs. */
    public void trigger(Exchange exchange) {
        exchange.setProperty(PROPERTY, this);
    }

    /** The polls of the feed's schedule within a span of time, at least one. */
    private long pollsWithin(Duration span) {
        try {
            CronExpression schedule = new CronExpression(cron);
            schedule.setTimeZone(TimeZone.getTimeZone(zone));
            Date first = schedule.getNextValidTimeAfter(new Date());
            Date second = first == null ? null : schedule.getNextValidTimeAfter(first);
            long period = second == null ? 0 : second.getTime() - first.getTime();
            return period <= 0 ? 1 : Math.max(1, span.toMillis() / period);
        } catch (java.text.ParseException e) {
            return 1;
        }
    }

    /** How many days of deliveries the state keeps for duplicate detection: the lookback and a day's margin. */
    public int deliveryMemoryDays() {
        return lookbackDays + 1;
    }

    /** How the feed finds each record's customer, for a run by hand: see the next. */
    public EnrichmentSettings enrichmentSettings(FeedPartition partition) {
        return enrichmentSettings(partition, false);
    }

    /**
     * How the feed finds each record's customer, for a run: a partition's campaign and assignment are its own, from the
     * campaigns list. A run on the schedule may index the customer list for the polls that follow within the reconcile
     * interval; one by hand ({@code --once}) for itself alone.
     */
    EnrichmentSettings enrichmentSettings(FeedPartition partition, boolean scheduled) {
        Integer assignment = assignmentId.isBlank() ? null : Integer.valueOf(assignmentId.trim());
        long reuse = scheduled ? pollsPerInterval : 1;
        if (partition == null) {
            return new EnrichmentSettings(id, enrichPlan, customerIdField, customerPath, customerListPath, customerKeyField,
                    FeedChecks.campaignIdForEnrichment(campaignId, path), assignment, reuse);
        }
        boolean byCampaign = partition.kind() == FeedPartition.Kind.CAMPAIGN;
        return new EnrichmentSettings(id, enrichPlan, customerIdField, customerPath, customerListPath, customerKeyField,
                byCampaign ? Integer.valueOf((int) partition.id()) : null,
                assignment != null ? assignment : partition.assignmentId(), reuse);
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

    String stateKeyOf(String partition) {
        String owner = partition == null ? id : id + "#" + partition;
        return sinkKind().equals("kafka") ? owner + "@" + getTopic() : owner;
    }

    /** Whether the feed runs over several campaigns or assignments. */
    public boolean isPartitioned() {
        return partitions != null;
    }

    /** The campaigns or assignments a partitioned feed runs over, or null. */
    FeedPartitions partitions() {
        return partitions;
    }

    /**
     * For the start-up summary: the campaigns or assignments a partitioned feed runs over, as its file names them
     * ({@code , for campaigns all matching client__id=17}), or nothing for a plain feed.
     */
    public String partitionDescription() {
        if (partitions == null) {
            return "";
        }
        return ", for " + partitions.kind().parameter() + " " + partitionSet
                + (partitions.all() && !campaignFilter.isBlank() ? " matching " + campaignFilter : "");
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
        return topic(sink, topicPrefix, id);
    }

    /** Where a kafka sink sends records it cannot publish or process: the deadLetterTopic parameter, else {@code <topic>.dlq}. */
    public String getDeadLetterTopic() {
        return deadLetterTopic(deadLetterTopic, getTopic());
    }

    /** A sink's topic from the parameters as given, for the feed and for its checks before it is made. */
    static String topic(String sink, String topicPrefix, String feedId) {
        int colon = sink.indexOf(':');
        return colon < 0 || sink.substring(colon + 1).isBlank() ? topicPrefix.trim() + feedId : sink.substring(colon + 1).trim();
    }

    static String deadLetterTopic(String deadLetterTopic, String topic) {
        return deadLetterTopic == null || deadLetterTopic.isBlank() ? topic + ".dlq" : deadLetterTopic.trim();
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
        return outputDirectory(null);
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

    public FeedKamelet getKamelet() {
        return kamelet;
    }

    /** The endpoint path, a single campaign's or assignment's id filled in. */
    public String getPath() {
        return path;
    }

    public boolean isEnrich() {
        return enrich;
    }

    public String getKeyField() {
        return keyField;
    }

    public String getIdFields() {
        return idFields;
    }

    public int getLookbackDays() {
        return lookbackDays;
    }

    public String getCron() {
        return cron;
    }

    /** The first day of a new feed (YYYYMMDD), or empty: the day it first runs. */
    public String getStartDate() {
        return startDate;
    }

    /** The time zone of the schedule and of "today". */
    public ZoneId zone() {
        return zone;
    }

    /** The field holding a record's own moment, for its lag at delivery; empty: none is measured. */
    public String getTimestampField() {
        return timestampField;
    }

    /** How a run reads its day: its tail or all of it. */
    ReadPolicy readPolicy() {
        return readPolicy;
    }

    @Override
    public String toString() {
        return "feed " + id + " (" + kamelet.kameletName() + " " + path + ")";
    }
}
