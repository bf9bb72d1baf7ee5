package io.cubeintegration.feed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;

/**
 * The template's bean of a feed ({@code {{feed}}}): takes the feed's parameters as its kamelet fills them in (every
 * one has its default there), makes the feed once they are all set ({@code initMethod: build}), and hands it to
 * each trigger. Camel's local beans of a route template are made with a no-argument constructor and setters, so
 * the immutable feed is made here, once.
 */
public final class FeedParameters {

    private final Map<String, String> values = new LinkedHashMap<>();
    private FeedKamelet kamelet;
    private FeedSpecs specs;
    private FeedSpec built;

    /** The first step of a trigger: the shared trigger route learns which feed it runs. */
    public void trigger(Exchange exchange) {
        built.trigger(exchange);
    }

    /**
     * The feed, once its values keep every rule: refused otherwise, naming the feed and each parameter as the feed
     * file spells it. It joins the feeds the application knows by id.
     */
    public FeedSpec build() {
        built = make();
        return built;
    }

    private FeedSpec make() {
        if (kamelet == null) {
            throw new IllegalArgumentException("feed " + values.get("feedId") + ": parameter kamelet is not set");
        }
        List<String> problems = FeedChecks.problems(kamelet, values);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("feed " + values.get("feedId") + ": " + String.join("; ", problems));
        }
        FeedSpec spec = new FeedSpec(kamelet, values);
        if (specs != null) {
            specs.register(spec);
        }
        return spec;
    }

    public void setKamelet(FeedKamelet kamelet) {
        this.kamelet = kamelet;
    }

    public void setSpecs(FeedSpecs specs) {
        this.specs = specs;
    }

    public void setFeedId(String value) {
        values.put("feedId", value);
    }

    public void setPath(String value) {
        values.put("path", value);
    }

    public void setCron(String value) {
        values.put("cron", value);
    }

    public void setTimeZone(String value) {
        values.put("timeZone", value);
    }

    public void setFilters(String value) {
        values.put("filters", value);
    }

    public void setEnrich(String value) {
        values.put("enrich", value);
    }

    public void setAssignmentId(String value) {
        values.put("assignmentId", value);
    }

    public void setCampaignId(String value) {
        values.put("campaignId", value);
    }

    public void setCampaigns(String value) {
        values.put("campaigns", value);
    }

    public void setAssignments(String value) {
        values.put("assignments", value);
    }

    public void setCampaignFilter(String value) {
        values.put("campaignFilter", value);
    }

    public void setCustomerIdField(String value) {
        values.put("customerIdField", value);
    }

    public void setCustomerPath(String value) {
        values.put("customerPath", value);
    }

    public void setCustomerListPath(String value) {
        values.put("customerListPath", value);
    }

    public void setCustomerKeyField(String value) {
        values.put("customerKeyField", value);
    }

    public void setEnrichPlan(String value) {
        values.put("enrichPlan", value);
    }

    public void setSink(String value) {
        values.put("sink", value);
    }

    public void setKeyField(String value) {
        values.put("keyField", value);
    }

    public void setIdFields(String value) {
        values.put("idFields", value);
    }

    public void setDeadLetterTopic(String value) {
        values.put("deadLetterTopic", value);
    }

    public void setTimestampField(String value) {
        values.put("timestampField", value);
    }

    public void setLookbackDays(String value) {
        values.put("lookbackDays", value);
    }

    public void setStartDate(String value) {
        values.put("startDate", value);
    }

    /** The settings the feed takes beside its parameters: where files go, the topic prefix, the reconcile interval. */
    public void setOutDir(String value) {
        values.put("outDir", value);
    }

    public void setTopicPrefix(String value) {
        values.put(FeedChecks.TOPIC_PREFIX_VALUE, value);
    }

    public void setReconcileInterval(String value) {
        values.put("reconcileInterval", value);
    }
}
