package io.cubeintegration.simulator;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;

import javax.net.ssl.SSLContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that shapes a {@link CubeSimulator}: the data it generates, how it authenticates and
 * which faults it injects. Immutable; build it with {@link #builder()}.
 */
public final class SimulatorSettings {

    private static final Map<String, Integer> DEFAULT_PAGE_SIZES = defaultPageSizes();

    private final long seed;
    private final int port;
    private final String token;
    private final String username;
    private final String password;
    private final int latencyMillis;
    private final Map<String, Integer> pageSizes;
    private final int customersPerAssignment;
    private final int responsesPerDay;
    private final int callOutcomesPerDay;
    private final int smsPerDay;
    private final int missingCustomerEvery;
    private final URI nextLinkBase;
    private final boolean nextLoop;
    private final double rate429;
    private final int retryAfterSeconds;
    private final double rate5xx;
    private final double rateTruncated;
    private final long faultSeed;
    private final LocalDate today;
    private final Clock clock;
    /** The opening hours of the call centre: the first hour of the day's activity and how many hours it spans. */
    private final int opensAt;
    private final int openHours;
    private final SSLContext tls;
    private final String forbiddenPath;
    private final int activeCustomers;
    private final boolean cacheAnswers;
    private final int extraCampaigns;
    private final boolean campaignTurnover;

    private SimulatorSettings(Builder builder) {
        this.seed = builder.seed;
        this.port = builder.port;
        this.token = builder.token;
        this.username = builder.username;
        this.password = builder.password;
        this.latencyMillis = builder.latencyMillis;
        this.pageSizes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.pageSizes));
        this.customersPerAssignment = builder.customersPerAssignment;
        this.responsesPerDay = builder.responsesPerDay;
        this.callOutcomesPerDay = builder.callOutcomesPerDay;
        this.smsPerDay = builder.smsPerDay;
        this.missingCustomerEvery = builder.missingCustomerEvery;
        this.nextLinkBase = builder.nextLinkBase;
        this.nextLoop = builder.nextLoop;
        this.rate429 = builder.rate429;
        this.retryAfterSeconds = builder.retryAfterSeconds;
        this.rate5xx = builder.rate5xx;
        this.rateTruncated = builder.rateTruncated;
        this.faultSeed = builder.faultSeed;
        this.today = builder.today;
        this.clock = builder.clock;
        this.opensAt = builder.opensAt;
        this.openHours = builder.openHours;
        this.tls = builder.tls;
        this.forbiddenPath = builder.forbiddenPath;
        this.activeCustomers = builder.activeCustomers;
        this.cacheAnswers = builder.cacheAnswers;
        this.extraCampaigns = builder.extraCampaigns;
        this.campaignTurnover = builder.campaignTurnover;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.seed = seed;
        builder.port = port;
        builder.token = token;
        builder.username = username;
        builder.password = password;
        builder.latencyMillis = latencyMillis;
        builder.pageSizes.putAll(pageSizes);
        builder.customersPerAssignment = customersPerAssignment;
        builder.responsesPerDay = responsesPerDay;
        builder.callOutcomesPerDay = callOutcomesPerDay;
        builder.smsPerDay = smsPerDay;
        builder.missingCustomerEvery = missingCustomerEvery;
        builder.nextLinkBase = nextLinkBase;
        builder.nextLoop = nextLoop;
        builder.rate429 = rate429;
        builder.retryAfterSeconds = retryAfterSeconds;
        builder.rate5xx = rate5xx;
        builder.rateTruncated = rateTruncated;
        builder.faultSeed = faultSeed;
        builder.today = today;
        builder.clock = clock;
        builder.opensAt = opensAt;
        builder.openHours = openHours;
        builder.tls = tls;
        builder.forbiddenPath = forbiddenPath;
        builder.activeCustomers = activeCustomers;
        builder.cacheAnswers = cacheAnswers;
        builder.extraCampaigns = extraCampaigns;
        builder.campaignTurnover = campaignTurnover;
        return builder;
    }

    public long seed() {
        return seed;
    }

    public int port() {
        return port;
    }

    public String token() {
        return token;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public int latencyMillis() {
        return latencyMillis;
    }

    /** The page size of an endpoint kind such as {@code "responses"} or {@code "customers"}. */
    public int pageSize(String endpointKind) {
        Integer size = pageSizes.get(endpointKind);
        if (size == null) {
            throw new IllegalArgumentException("Unknown endpoint kind: " + endpointKind);
        }
        return size;
    }

    public int customersPerAssignment() {
        return customersPerAssignment;
    }

    public int responsesPerDay() {
        return responsesPerDay;
    }

    public int callOutcomesPerDay() {
        return callOutcomesPerDay;
    }

    public int smsPerDay() {
        return smsPerDay;
    }

    public int missingCustomerEvery() {
        return missingCustomerEvery;
    }

    /** When set, paging links use this scheme, host and port instead of the simulator's own; may be null. */
    public URI nextLinkBase() {
        return nextLinkBase;
    }

    public boolean nextLoop() {
        return nextLoop;
    }

    public double rate429() {
        return rate429;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public double rate5xx() {
        return rate5xx;
    }

    public double rateTruncated() {
        return rateTruncated;
    }

    public long faultSeed() {
        return faultSeed;
    }

    /** How many customers of a campaign a day's activities name (0: any of them, drawn at random). */
    public int activeCustomers() {
        return activeCustomers;
    }

    /** Whether each successful answer is generated once and then served from memory. */
    public boolean cacheAnswers() {
        return cacheAnswers;
    }

    /** How many campaigns the account has beyond the default three: ids 1001, 1002, ... */
    public int extraCampaigns() {
        return extraCampaigns;
    }

    /** Whether the account also has a campaign archived yesterday and one started two days ago. */
    public boolean campaignTurnover() {
        return campaignTurnover;
    }

    /** The first hour of a day's activity, Oslo time. */
    public int opensAt() {
        return opensAt;
    }

    /** How many hours a day's activity spans. */
    public int openHours() {
        return openHours;
    }

    /** Paths starting with this (relative to /api/v1/) answer 403, as for a user without permission; null for none. */
    public String forbiddenPath() {
        return forbiddenPath;
    }

    /** The TLS context of an https simulator, or null for plain http. */
    public SSLContext tls() {
        return tls;
    }

    /** The fixed "today", or null when the simulator follows the clock in Europe/Oslo. */
    public LocalDate today() {
        return today;
    }

    /**
     * The clock today's activity follows, or null: with one, Cube holds only the responses, call outcomes and SMS of
     * today whose moment has passed, as the real Cube does (no record is timestamped in the future); without, the
     * whole of today is there from midnight, which a test comparing whole days wants.
     */
    public Clock clock() {
        return clock;
    }

    private static Map<String, Integer> defaultPageSizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("responses", 50);
        sizes.put("call_outcomes", 500);
        sizes.put("callflow_customers", 500);
        sizes.put("customers", 500);
        sizes.put("sms", 500);
        sizes.put("product_registrations", 500);
        return Collections.unmodifiableMap(sizes);
    }

    public static final class Builder {

        private long seed = 42;
        private int port;
        private String token = "demo-token";
        private String username = "demo";
        private String password = "demo-password";
        private int latencyMillis;
        private final Map<String, Integer> pageSizes = new LinkedHashMap<>(DEFAULT_PAGE_SIZES);
        private int customersPerAssignment = 1000;
        private int responsesPerDay = 120;
        private int callOutcomesPerDay = 80;
        private int smsPerDay = 30;
        private int missingCustomerEvery = 50;
        private URI nextLinkBase;
        private boolean nextLoop;
        private double rate429;
        private int retryAfterSeconds = 1;
        private double rate5xx;
        private double rateTruncated;
        private long faultSeed = 7;
        private LocalDate today;
        private Clock clock;
        private SSLContext tls;
        private String forbiddenPath;
        private int activeCustomers;
        private boolean cacheAnswers;
        private int extraCampaigns;
        private boolean campaignTurnover;
        private int opensAt = 8;
        private int openHours = 13;

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder port(int port) {
            this.port = requireRange("port", port, 0, 65535);
            return this;
        }

        public Builder token(String token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        public Builder username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        public Builder latencyMillis(int latencyMillis) {
            this.latencyMillis = requireRange("latencyMillis", latencyMillis, 0, Integer.MAX_VALUE);
            return this;
        }

        public Builder pageSize(String endpointKind, int pageSize) {
            if (!DEFAULT_PAGE_SIZES.containsKey(endpointKind)) {
                throw new IllegalArgumentException("Unknown endpoint kind " + endpointKind + ", expected one of " + DEFAULT_PAGE_SIZES.keySet());
            }
            pageSizes.put(endpointKind, requireRange("pageSize", pageSize, 1, Integer.MAX_VALUE));
            return this;
        }

        public Builder customersPerAssignment(int customersPerAssignment) {
            // internal ids of different assignments are ten million apart
            this.customersPerAssignment = requireRange("customersPerAssignment", customersPerAssignment, 0, 9_000_000);
            return this;
        }

        public Builder responsesPerDay(int responsesPerDay) {
            this.responsesPerDay = requireRange("responsesPerDay", responsesPerDay, 0, Integer.MAX_VALUE);
            return this;
        }

        public Builder callOutcomesPerDay(int callOutcomesPerDay) {
            this.callOutcomesPerDay = requireRange("callOutcomesPerDay", callOutcomesPerDay, 0, Integer.MAX_VALUE);
            return this;
        }

        public Builder smsPerDay(int smsPerDay) {
            this.smsPerDay = requireRange("smsPerDay", smsPerDay, 0, Integer.MAX_VALUE);
            return this;
        }

        public Builder missingCustomerEvery(int missingCustomerEvery) {
            this.missingCustomerEvery = requireRange("missingCustomerEvery", missingCustomerEvery, 0, Integer.MAX_VALUE);
            return this;
        }

        public Builder nextLinkBase(URI nextLinkBase) {
            this.nextLinkBase = nextLinkBase;
            return this;
        }

        public Builder nextLoop(boolean nextLoop) {
            this.nextLoop = nextLoop;
            return this;
        }

        public Builder rate429(double rate429) {
            this.rate429 = requireRate("rate429", rate429);
            return this;
        }

        public Builder retryAfterSeconds(int retryAfterSeconds) {
            this.retryAfterSeconds = requireRange("retryAfterSeconds", retryAfterSeconds, 0, Integer.MAX_VALUE);
            return this;
        }

        public Builder rate5xx(double rate5xx) {
            this.rate5xx = requireRate("rate5xx", rate5xx);
            return this;
        }

        public Builder rateTruncated(double rateTruncated) {
            this.rateTruncated = requireRate("rateTruncated", rateTruncated);
            return this;
        }

        public Builder faultSeed(long faultSeed) {
            this.faultSeed = faultSeed;
            return this;
        }

        public Builder today(LocalDate today) {
            this.today = today;
            return this;
        }

        /** Today's activity appears as this clock passes its moments: see {@link SimulatorSettings#clock()}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * The hours a day's responses, call outcomes and SMS are spread over, Oslo time: from {@code opensAt} for
         * {@code hours} hours (08:00 for 13 hours by default). A benchmark that measures freshness in real time at any
         * hour opens all day: {@code openingHours(0, 24)}.
         */
        public Builder openingHours(int opensAt, int hours) {
            if (opensAt < 0 || hours < 1 || opensAt + hours > 24) {
                throw new IllegalArgumentException("opening hours " + opensAt + "+" + hours + " are not within a day");
            }
            this.opensAt = opensAt;
            this.openHours = hours;
            return this;
        }

        /**
         * Makes a day's responses, call outcomes and SMS name exactly the first {@code count} customers of their
         * campaign in turn (the k-th record names customer k mod count): a workload with a known number of distinct
         * customers, such as the benchmark's busy day. 0 draws any customer at random.
         */
        public Builder activeCustomers(int count) {
            this.activeCustomers = requireRange("activeCustomers", count, 0, 9_000_000);
            return this;
        }

        /**
         * Generates each successful answer once and serves it from memory after (until {@link SimulatedAccount#revise()}),
         * so that serving costs this machine next to nothing, as a remote Cube's does: for the benchmark, where the
         * simulator shares the cores with the client being measured. Off by default; the memory grows with what is
         * asked.
         */
        public Builder cacheAnswers(boolean cacheAnswers) {
            this.cacheAnswers = cacheAnswers;
            return this;
        }

        /**
         * Adds {@code count} campaigns to the default three: ids 1001, 1002, ... alternately on assignments 240 and 241,
         * named "Kampanje 1001" and so on, started 2017-01-01 and active, with activity like the others. For an account
         * with many campaigns, such as the benchmark's twenty.
         */
        public Builder extraCampaigns(int count) {
            // ids 1001 to 9999: four digits, like the account's other campaigns
            this.extraCampaigns = requireRange("extraCampaigns", count, 0, 8_999);
            return this;
        }

        /**
         * Adds campaigns that come and go, relative to the simulator's today when it starts: 925 "Sommerkampanje" on
         * assignment 240, archived yesterday (inactive, with activity up to yesterday), and 931 "Julekampanje" on
         * assignment 241, started two days ago. Off by default, so the default account stays as it was.
         */
        public Builder campaignTurnover(boolean campaignTurnover) {
            this.campaignTurnover = campaignTurnover;
            return this;
        }

        /** Answers 403 for the paths starting with this prefix, for a user who may not see them. */
        public Builder forbiddenPath(String forbiddenPath) {
            this.forbiddenPath = forbiddenPath;
            return this;
        }

        /** Serves https with this context (its key and certificate), as Cube does. */
        public Builder tls(SSLContext tls) {
            this.tls = tls;
            return this;
        }

        public SimulatorSettings build() {
            if (rate429 + rate5xx + rateTruncated > 1.0) {
                throw new IllegalArgumentException("rate429 + rate5xx + rateTruncated must not exceed 1.0");
            }
            return new SimulatorSettings(this);
        }

        private static int requireRange(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "] but was " + value);
            }
            return value;
        }

        private static double requireRate(String name, double rate) {
            if (!(rate >= 0.0 && rate <= 1.0)) {
                throw new IllegalArgumentException(name + " must be in [0, 1] but was " + rate);
            }
            return rate;
        }
    }
}
