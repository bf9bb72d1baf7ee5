package io.cubeintegration.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.LongToIntFunction;

/**
 * The Cube account the simulator serves: one client, two assignments with their customers, three campaigns (more with
 * the settings or at runtime) with responses, call outcomes and SMS on every day from their start to their archiving.
 * Everything is derived from the settings, so the same seed gives the same data byte for byte, and every record is
 * computed on demand from its position. A test can change the responses as Cube's change (filed late, edited,
 * deleted, served in an unstable order); only the days it changed are then built as lists.
 */
public final class SimulatedAccount {

    private static final String CRM_TYPE = "B2C";
    /** The endpoint whose days the change controls act on, as {@link ChangedDays} names it. */
    private static final String RESPONSES = "responses";
    /** The random stream of unstable orders; the generators use 1 to 7. */
    private static final long ORDER_STREAM = 8;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter QUERY_DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final int CLIENT_ID = 17;
    private static final String CLIENT_SHORT_NAME = "Bølgen";
    private static final String CLIENT_FULL_NAME = "Bølgen Kundeservice AS";
    /** The start of the default campaigns. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2017, 1, 1);

    private final SimulatorSettings settings;
    private final List<Assignment> assignments;
    /** Replaced, never changed, so a request reads one consistent list while a test archives or adds a campaign. */
    private volatile List<Campaign> campaigns;
    private final CustomerGenerator customerGenerator;
    private final ActivityGenerator activityGenerator;
    private volatile boolean tokenRevoked;
    /**
     * Bumped after the change it counts is in place (never before), so an answer generated after reading a revision is
     * at least as new as that revision, and an answer cached under it is never stale.
     */
    private final AtomicInteger revision = new AtomicInteger();
    /** How many of today's responses Cube holds yet; -1: all of them. */
    private volatile int responsesToday = -1;
    /** Replaced, never changed, so a request serves one version of every day while a test makes the next change. */
    private volatile ChangedDays changes = ChangedDays.NONE;
    private volatile boolean orderUnstable;
    /** Requests served in an unstable order so far: each seeds its own order. */
    private final AtomicLong unstableRequests = new AtomicLong();

    SimulatedAccount(SimulatorSettings settings) {
        this.settings = settings;
        Assignment privateMarket = new Assignment(240, "Privatmarked Sør", "Strøm og forsikring til privatkunder på Sørlandet",
                false, 1_286_000, 350_000L, 7, privateMarketFields(), List.of("STRØM_FASTPRIS", "STRØM_SPOT", "FORSIKRING"),
                List.of("Privat Sør", "Privat Øst", "Privat Nord"));
        Assignment businessMarket = new Assignment(241, "Bedriftsmarked", "Møtebooking og mersalg til små og mellomstore bedrifter",
                true, 11_286_000, 9_120_000_000L, 11, businessMarketFields(), List.of("BEDRIFTSAVTALE", "PROD1", "PROD2"),
                List.of("SMB Vest", "Storkunder"));
        this.assignments = List.of(privateMarket, businessMarket);
        int customers = settings.customersPerAssignment();
        List<Campaign> initial = new ArrayList<>(List.of(
                campaign(926, "Produktsalg høst", "Mersalg av strøm og forsikring", "Sales", privateMarket, 0, 2, customers, FIRST_DAY, null),
                campaign(927, "Vinn tilbake – oppsagte kunder", "Ringer kunder som har sagt opp avtalen", "Winback", privateMarket, 1, 2, customers,
                        FIRST_DAY, null),
                campaign(998, "Bookingkampanje – Sør", "Møtebooking for bedriftskunder", "Booking", businessMarket, 0, 1, customers, FIRST_DAY, null)));
        if (settings.campaignTurnover()) {
            // fixed when the simulator starts: a campaign's dates do not move while it runs
            LocalDate today = today();
            initial.add(addedCampaign(925, "Sommerkampanje", "Sommertilbud på strøm – avsluttet", privateMarket, FIRST_DAY, today.minusDays(1)));
            initial.add(addedCampaign(931, "Julekampanje", "Julegaver og mersalg til bedriftskunder", businessMarket, today.minusDays(2), null));
        }
        for (int extra = 1; extra <= settings.extraCampaigns(); extra++) {
            initial.add(addedCampaign(1000 + extra, "Kampanje " + (1000 + extra), "Ekstra kampanje nr. " + extra,
                    assignments.get((extra - 1) % assignments.size()), FIRST_DAY, null));
        }
        this.campaigns = List.copyOf(initial);
        this.customerGenerator = new CustomerGenerator(settings.seed(), CLIENT_SHORT_NAME);
        this.activityGenerator = new ActivityGenerator(settings, customerGenerator, CLIENT_SHORT_NAME, CLIENT_FULL_NAME);
    }

    /** Revokes the account's API token (every request then answers 401 "Invalid token."), or restores it. */
    public void revokeToken(boolean revoked) {
        tokenRevoked = revoked;
    }

    boolean tokenRevoked() {
        return tokenRevoked;
    }

    /**
     * Edits the account as agents do between two runs: every tenth customer of every assignment gets a new third
     * phone number (each call a new one), everything else stays as it was.
     */
    public void revise() {
        customerGenerator.revise();
        revision.incrementAndGet();
    }

    /**
     * Cube as it fills during a working day: of today's responses (of every campaign) only the first {@code count} are
     * there yet, in the order they were submitted, and a later call with a larger count adds the next ones. The
     * records themselves never change, so a growing day is the same day seen earlier.
     */
    public void responsesSoFarToday(int count) {
        responsesToday = count;
        revision.incrementAndGet();
    }

    /**
     * Archives a campaign as of the day: it has activity up to and including that day and none after, and
     * {@code GET campaigns} reports it inactive from that day on. Archiving as of today keeps today's records, as Cube
     * never drops what it held; a past day rewrites history, which only a test setting up an account would want.
     *
     * @throws IllegalArgumentException for an unknown campaign or a day before its start
     */
    public synchronized void archiveCampaign(int campaignId, LocalDate day) {
        Campaign campaign = campaigns.stream().filter(candidate -> candidate.id() == campaignId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No campaign " + campaignId));
        if (day.isBefore(campaign.startDate())) {
            throw new IllegalArgumentException("Campaign " + campaignId + " starts " + campaign.startDate() + ", after " + day);
        }
        campaigns = campaigns.stream().map(candidate -> candidate == campaign ? campaign.archivedAsOf(day) : candidate).toList();
        revision.incrementAndGet();
    }

    /**
     * Adds an active campaign on an existing assignment, with activity from its start date on, working on a range of
     * the assignment's customers as the other campaigns do.
     *
     * @throws IllegalArgumentException for an id already taken or an unknown assignment
     */
    public synchronized void addCampaign(int campaignId, String name, int assignmentId, LocalDate startDate) {
        if (campaigns.stream().anyMatch(campaign -> campaign.id() == campaignId)) {
            throw new IllegalArgumentException("Campaign " + campaignId + " exists already");
        }
        Assignment assignment = assignments.stream().filter(candidate -> candidate.id() == assignmentId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No assignment " + assignmentId));
        List<Campaign> more = new ArrayList<>(campaigns);
        more.add(addedCampaign(campaignId, Objects.requireNonNull(name, "name"), "Lagt til under kjøring", assignment,
                Objects.requireNonNull(startDate, "startDate"), null));
        campaigns = List.copyOf(more);
        revision.incrementAndGet();
    }

    /**
     * Files a response late, as Cube takes one in after it served the day: a new record of the campaign on the day (a
     * customer of the campaign, a moment of that day, an identity no other record of the day has) inserted at the
     * position of the day's list as now served, so every later record, on this page and the next, moves one place on.
     *
     * @param position 0-based in the day's list as it stands (after earlier changes and today's count, before any
     *                 {@code response_type} filter); the list's size appends
     * @return the record as served
     * @throws IllegalArgumentException for an unknown campaign, a day it has no activity, or a position out of range
     */
    public synchronized ObjectNode fileResponseLate(int campaignId, LocalDate day, int position) {
        Campaign campaign = campaignOn(campaignId, day);
        if (campaign.customerCount() == 0) {
            throw new IllegalArgumentException("Campaign " + campaignId + " has no customers to file a response for");
        }
        List<ObjectNode> served = responsesAsServed(campaign, day);
        requirePosition(position, served.size() + 1, campaign, day);
        ObjectNode filed = distinctLateResponse(campaign, day, served);
        change(campaign, day, new DayChanges.Filed(position, filed));
        return filed;
    }

    /**
     * Edits the response at the position in place, as an agent correcting it: its {@code comment} gets a new text each
     * call; what identifies it (campaign_id, crm_customer_id, submitted_when, type, subtype), everything else and its
     * position stay.
     *
     * @param position 0-based in the day's list as it stands, as for {@link #fileResponseLate}
     * @return the new version
     * @throws IllegalArgumentException for an unknown campaign, a day it has no activity, or a position out of range
     */
    public synchronized ObjectNode editResponse(int campaignId, LocalDate day, int position) {
        Campaign campaign = campaignOn(campaignId, day);
        List<ObjectNode> served = responsesAsServed(campaign, day);
        requirePosition(position, served.size(), campaign, day);
        ObjectNode edited = served.get(position).deepCopy();
        edited.put("comment", activityGenerator.correctedComment(campaign, day, changes.count() + 1));
        change(campaign, day, new DayChanges.Edited(position, edited));
        return edited;
    }

    /**
     * Deletes the response at the position: every later record moves one place back.
     *
     * @param position 0-based in the day's list as it stands, as for {@link #fileResponseLate}
     * @return the removed record
     * @throws IllegalArgumentException for an unknown campaign, a day it has no activity, or a position out of range
     */
    public synchronized ObjectNode deleteResponse(int campaignId, LocalDate day, int position) {
        Campaign campaign = campaignOn(campaignId, day);
        List<ObjectNode> served = responsesAsServed(campaign, day);
        requirePosition(position, served.size(), campaign, day);
        change(campaign, day, new DayChanges.Deleted(position));
        return served.get(position);
    }

    /**
     * While on, every request serves each day's responses in an order of its own, as a list without an ORDER BY may
     * come: the pages of one reading overlap and miss records, though the set of records stays the same. Each order is
     * drawn from the seed and the number of answers so far served in an unstable order (requests and {@link #records}
     * calls alike), so a sequence of requests is reproducible. Positions of the change controls keep referring to the
     * stable order. Cached answers are not used meanwhile.
     */
    public synchronized void unstableOrder(boolean on) {
        orderUnstable = on;
        revision.incrementAndGet();
    }

    /** Whether answers now differ from request to request, so that none may be cached. */
    boolean orderUnstable() {
        return orderUnstable;
    }

    /** The ids of the campaigns {@code GET campaigns} reports active today, in its order. */
    public List<Integer> activeCampaignIds() {
        LocalDate today = today();
        return campaigns.stream().filter(campaign -> campaign.activeOn(today)).map(Campaign::id).toList();
    }

    /** How many times the account was revised: an answer cached at one revision is stale at the next. */
    int revision() {
        return revision.get();
    }

    /** The answer of {@code GET campaigns}: one object per campaign. */
    public List<ObjectNode> campaigns() {
        List<ObjectNode> list = new ArrayList<>();
        LocalDate today = today();
        for (Campaign campaign : campaigns) {
            Assignment assignment = campaign.assignment();
            ObjectNode record = JSON.objectNode();
            record.put("campaign__id", campaign.id());
            record.put("campaign__name", campaign.name());
            record.put("campaign__description", campaign.description());
            record.put("campaign__start_date", campaign.startDate().toString());
            // the end date stays null: here archiving, not a planned end, is what ends a campaign's activity
            record.putNull("campaign__end_date");
            if (campaign.archivedDate() == null) {
                record.putNull("campaign__archived_date");
            } else {
                record.put("campaign__archived_date", campaign.archivedDate().toString());
            }
            record.put("campaign__is_active", campaign.activeOn(today));
            record.put("assignment__id", assignment.id());
            record.put("assignment__name", assignment.name());
            record.put("assignment__description", assignment.description());
            record.put("client__id", CLIENT_ID);
            record.put("client__short_name", CLIENT_SHORT_NAME);
            record.put("client__full_name", CLIENT_FULL_NAME);
            list.add(record);
        }
        return list;
    }

    public int defaultCampaignId() {
        return campaigns.get(0).id();
    }

    public int defaultAssignmentId() {
        return campaigns.get(0).assignment().id();
    }

    /** The fixed day from the settings, else today in Europe/Oslo; call outcomes and SMS default to it. */
    public LocalDate today() {
        if (settings.today() != null) {
            return settings.today();
        }
        return settings.clock() != null ? LocalDate.ofInstant(settings.clock().instant(), ActivityGenerator.OSLO) : LocalDate.now(ActivityGenerator.OSLO);
    }

    /** What {@code GET assignments/{assignmentId}/customers/{internalId}} answers, if anything. */
    public Optional<ObjectNode> customer(int assignmentId, long internalId) {
        return assignments.stream().filter(assignment -> assignment.id() == assignmentId).findFirst()
                .flatMap(assignment -> customerNumber(assignment, internalId)
                        .map(number -> customerGenerator.customer(customerGenerator.profile(assignment, number))));
    }

    /**
     * Every record the endpoint answers over all its pages, in the order served; for unpaged endpoints the elements of
     * the array (or the one object).
     *
     * @param path  relative to {@code /api/v1/}, e.g. {@code campaigns/926/responses/}
     * @param query decoded query parameters; {@code page} is ignored
     * @throws SimulatedHttpError what the server would answer with a 4xx status
     */
    public List<ObjectNode> records(String path, Map<String, String> query) {
        List<ObjectNode> records = new ArrayList<>();
        stream(path, query).forEachRemaining(records::add);
        return records;
    }

    /** As {@link #records}, computed lazily while iterating. */
    public Iterator<ObjectNode> stream(String path, Map<String, String> query) {
        Answer answer = answer(path, query);
        if (answer instanceof Answer.Listing listing) {
            return listing.records().iterator();
        }
        Answer.Document document = (Answer.Document) answer;
        List<ObjectNode> elements = new ArrayList<>();
        if (document.body().isArray()) {
            document.body().forEach(element -> elements.add((ObjectNode) element));
        } else {
            elements.add((ObjectNode) document.body());
        }
        return elements.iterator();
    }

    /** Resolves a path under {@code /api/v1/} to what it answers, or throws the 4xx it answers instead. */
    Answer answer(String path, Map<String, String> query) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        int size = segments.size();
        String first = size > 0 ? segments.get(0) : "";
        if (segments.equals(List.of("campaigns")) || segments.equals(List.of("client_access", "campaigns"))) {
            ArrayNode array = JSON.arrayNode();
            campaigns().forEach(array::add);
            return new Answer.Document(array);
        }
        if (segments.equals(List.of("call_outcomes"))) {
            return new Answer.Listing("call_outcomes",
                    callOutcomes(Window.parse(query, today()), campaigns, filterValue(query, "call_outcome_type"), false));
        }
        if (first.equals("campaigns") && size == 3) {
            return campaignAnswer(requireCampaign(segments.get(1)), segments.get(2), query);
        }
        if (first.equals("assignments") && (size == 3 || size == 4)) {
            return assignmentAnswer(requireAssignment(segments.get(1)), segments.subList(2, size), false);
        }
        if (first.equals("data_owners") && size == 5 && segments.get(2).equals("crm") && segments.get(3).equals(CRM_TYPE)) {
            return dataOwnerAnswer(requireAssignment(segments.get(1)), segments.get(4), query);
        }
        if (first.equals("data_owners") && (size == 4 || size == 5) && segments.get(2).equals(CRM_TYPE)) {
            return assignmentAnswer(requireAssignment(segments.get(1)), segments.subList(3, size), true);
        }
        throw notFound();
    }

    private Answer campaignAnswer(Campaign campaign, String endpoint, Map<String, String> query) {
        switch (endpoint) {
            case RESPONSES: {
                Window window = Window.parse(query, null).during(campaign);
                OptionalLong shuffle = orderUnstable
                        ? OptionalLong.of(DeterministicRandom.mix(settings.seed(), ORDER_STREAM, unstableRequests.incrementAndGet(), campaign.id()))
                        : OptionalLong.empty();
                return new Answer.Listing("responses", DailyListing.records(new ResponseDays(campaign, filterValue(query, "response_type")),
                        window.from(), window.to(), changes.of(RESPONSES, campaign.id()), shuffle));
            }
            case "call_outcomes": {
                Window window = Window.parse(query, today());
                String type = filterValue(query, "call_outcome_type");
                return new Answer.Listing("call_outcomes", callOutcomes(window, List.of(campaign), type, true));
            }
            case "sms": {
                Window window = Window.parse(query, today()).during(campaign);
                int perDay = campaign.customerCount() == 0 ? 0 : settings.smsPerDay();
                return new Answer.Listing("sms", daily(window, perDay,
                        held(holding(perDay, -1), index -> window.day(index, perDay), index -> (int) (index % perDay)),
                        index -> activityGenerator.sms(campaign, window.day(index, perDay), (int) (index % perDay))));
            }
            case "callflow_customers": {
                String state = filterValue(query, "call_state");
                LongPredicate matches = state == null ? null
                        : index -> state.equals(customerGenerator.callState(campaign, campaign.firstCustomer() + (int) index));
                return new Answer.Listing("callflow_customers", records(campaign.customerCount(), matches,
                        index -> callflowCustomer(campaign, campaign.firstCustomer() + (int) index)));
            }
            case "product_registrations":
                return new Answer.Listing("product_registrations", productRegistrations(Window.parse(query, today()), List.of(campaign)));
            default:
                throw notFound();
        }
    }

    private Answer assignmentAnswer(Assignment assignment, List<String> rest, boolean laterGeneration) {
        String endpoint = rest.get(0);
        if (rest.size() == 2) {
            if (!endpoint.equals("customers")) {
                throw notFound();
            }
            long internalId = parseId(rest.get(1));
            int number = customerNumber(assignment, internalId).orElseThrow(SimulatedAccount::notFound);
            return new Answer.Document(customerGenerator.customer(customerGenerator.profile(assignment, number)));
        }
        switch (endpoint) {
            case "customers":
                return new Answer.Listing("customers", IndexedRecords.of(settings.customersPerAssignment(),
                        index -> customerGenerator.customer(customerGenerator.profile(assignment, (int) index + 1))));
            case "callflow_customers":
                if (laterGeneration) {
                    throw notFound();
                }
                return assignmentCallflow(assignment);
            case "crm_custom_fields": {
                ArrayNode fields = JSON.arrayNode();
                for (CustomField field : assignment.customFields()) {
                    ObjectNode item = fields.addObject();
                    item.put("id", field.id());
                    item.put("key", field.key());
                    item.put("type", field.type());
                    item.put("max_length", field.maxLength());
                    item.put("hint", field.hint());
                    if (laterGeneration) {
                        item.putNull("lookup__id");
                    }
                }
                return new Answer.Document(fields);
            }
            default:
                throw notFound();
        }
    }

    private Answer dataOwnerAnswer(Assignment assignment, String endpoint, Map<String, String> query) {
        List<Campaign> owned = campaigns.stream().filter(campaign -> campaign.assignment() == assignment).toList();
        switch (endpoint) {
            case "call_outcomes":
                return new Answer.Listing("call_outcomes",
                        callOutcomes(Window.parse(query, today()), owned, filterValue(query, "call_outcome_type"), false));
            case "callflow_customers":
                return assignmentCallflow(assignment);
            case "product_registrations":
                return new Answer.Listing("product_registrations", productRegistrations(Window.parse(query, today()), owned));
            default:
                throw notFound();
        }
    }

    private Answer assignmentCallflow(Assignment assignment) {
        List<Campaign> owned = campaigns.stream().filter(campaign -> campaign.assignment() == assignment).toList();
        return new Answer.Listing("callflow_customers", IndexedRecords.of(settings.customersPerAssignment(), index -> {
            int number = (int) index + 1;
            // a customer is listed with the first of the assignment's campaigns that works on it
            Campaign campaign = owned.stream().filter(candidate -> candidate.covers(number)).findFirst().orElse(owned.get(0));
            return callflowCustomer(campaign, number);
        }));
    }

    private ObjectNode callflowCustomer(Campaign campaign, int number) {
        return customerGenerator.callflowCustomer(campaign, customerGenerator.profile(campaign.assignment(), number));
    }

    /**
     * The call outcomes of some campaigns, ordered by day, then campaign, then index; in the campaign shape (seed 000)
     * or the later data-owner shape.
     */
    private IndexedRecords callOutcomes(Window window, List<Campaign> sources, String type, boolean campaignShape) {
        DailyCampaignEvents events = new DailyCampaignEvents(window, sources, settings.callOutcomesPerDay());
        return records(events.size(),
                both(events.held(), type == null ? null : index -> type.equals(events.type(index))),
                index -> {
                    ActivityGenerator.CallOutcome outcome = events.callOutcome(index);
                    return campaignShape ? activityGenerator.callOutcomeRecord(outcome) : activityGenerator.dataOwnerCallOutcome(outcome);
                });
    }

    /** One product registration per sale among the call outcomes. */
    private IndexedRecords productRegistrations(Window window, List<Campaign> sources) {
        DailyCampaignEvents events = new DailyCampaignEvents(window, sources, settings.callOutcomesPerDay());
        return IndexedRecords.filtered(events.size(), both(events.held(), index -> "Sale".equals(events.type(index))),
                index -> activityGenerator.productRegistration(events.callOutcome(index)));
    }

    /**
     * How much of a daily activity Cube holds yet, or null for all of it: read once per answer, so that the clock
     * passing a slot while a page is built does not change the page.
     *
     * @param soFarToday the count of today's events a test set, -1 for no count
     */
    private Holding holding(int perDay, int soFarToday) {
        Clock clock = settings.clock();
        if (clock == null && soFarToday < 0) {
            return null;
        }
        LocalDate today = today();
        int heldToday = Math.min(soFarToday < 0 ? perDay : soFarToday,
                clock == null ? perDay : ActivityGenerator.happenedBy(settings, today, perDay, clock.instant()));
        return new Holding(today, perDay, heldToday, clock != null);
    }

    /** Which events of a daily activity Cube holds yet, as a test on their index; null for all. */
    private static LongPredicate held(Holding holding, LongFunction<LocalDate> day, LongToIntFunction indexInDay) {
        return holding == null ? null : index -> indexInDay.applyAsInt(index) < holding.on(day.apply(index));
    }

    private static LongPredicate both(LongPredicate first, LongPredicate second) {
        return first == null ? second : second == null ? first : first.and(second);
    }

    private static IndexedRecords daily(Window window, int perDay, LongPredicate matches, LongFunction<ObjectNode> record) {
        return records(window.days() * perDay, matches, record);
    }

    private static IndexedRecords records(long size, LongPredicate matches, LongFunction<ObjectNode> record) {
        return matches == null ? IndexedRecords.of(size, record) : IndexedRecords.filtered(size, matches, record);
    }

    /** The campaign, which must have activity on the day, for a change to its responses. */
    private Campaign campaignOn(int campaignId, LocalDate day) {
        Campaign campaign = campaigns.stream().filter(candidate -> candidate.id() == campaignId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No campaign " + campaignId));
        if (!campaign.runsOn(Objects.requireNonNull(day, "day"))) {
            throw new IllegalArgumentException("Campaign " + campaignId + " has no responses on " + day);
        }
        return campaign;
    }

    /** The day's responses as served now, in their stable order and unfiltered: what a change's position refers to. */
    private List<ObjectNode> responsesAsServed(Campaign campaign, LocalDate day) {
        return DailyListing.asServed(new ResponseDays(campaign, null), day, changes.on(RESPONSES, campaign.id(), day));
    }

    private static void requirePosition(int position, int positions, Campaign campaign, LocalDate day) {
        if (position < 0 || position >= positions) {
            throw new IllegalArgumentException("Position " + position + " is outside 0.." + (positions - 1) + " of campaign "
                    + campaign.id() + "'s responses on " + day);
        }
    }

    /**
     * A late response whose identity no record of the day shares: neither one served now nor a generated one today's
     * count still holds back, so that growing the day later cannot bring a twin.
     */
    private ObjectNode distinctLateResponse(Campaign campaign, LocalDate day, List<ObjectNode> served) {
        Set<List<JsonNode>> taken = new HashSet<>();
        served.forEach(record -> taken.add(ActivityGenerator.responseIdentity(record)));
        for (int index = 0; index < settings.responsesPerDay(); index++) {
            taken.add(ActivityGenerator.responseIdentity(activityGenerator.response(campaign, day, index)));
        }
        for (long serial = changes.count(); ; serial++) {
            ObjectNode candidate = activityGenerator.lateResponse(campaign, day, serial);
            if (!taken.contains(ActivityGenerator.responseIdentity(candidate))) {
                return candidate;
            }
        }
    }

    /** Records the change, then bumps the revision (in that order, see {@link #revision}). */
    private void change(Campaign campaign, LocalDate day, DayChanges.Change change) {
        changes = changes.with(RESPONSES, campaign.id(), day, change);
        revision.incrementAndGet();
    }

    private Optional<Integer> customerNumber(Assignment assignment, long internalId) {
        long number = internalId - assignment.internalIdBase();
        return number >= 1 && number <= settings.customersPerAssignment() ? Optional.of((int) number) : Optional.empty();
    }

    private Assignment requireAssignment(String id) {
        long parsed = parseId(id);
        return assignments.stream().filter(assignment -> assignment.id() == parsed).findFirst().orElseThrow(SimulatedAccount::notFound);
    }

    private Campaign requireCampaign(String id) {
        long parsed = parseId(id);
        return campaigns.stream().filter(campaign -> campaign.id() == parsed).findFirst().orElseThrow(SimulatedAccount::notFound);
    }

    /** Django's URL patterns only match digits, so anything else is simply not found. */
    private static long parseId(String id) {
        if (!id.matches("[0-9]{1,18}")) {
            throw notFound();
        }
        return Long.parseLong(id);
    }

    private static String filterValue(Map<String, String> query, String name) {
        String value = query.get(name);
        // like django-filter, an empty value does not filter
        return value == null || value.isEmpty() ? null : value;
    }

    static SimulatedHttpError notFound() {
        return new SimulatedHttpError(404, detail("Not found."));
    }

    static String detail(String message) {
        return JSON.objectNode().put("detail", message).toString();
    }

    private static Campaign campaign(int id, String name, String description, String type, Assignment assignment,
                                     int slot, int campaignsOnAssignment, int customers, LocalDate startDate, LocalDate archivedDate) {
        // campaigns on a shared assignment work on overlapping three-quarter ranges of its customers
        int count = campaignsOnAssignment == 1 ? customers : (customers * 3 + 3) / 4;
        int start = campaignsOnAssignment == 1 ? 0 : slot * (customers - count) / (campaignsOnAssignment - 1);
        return new Campaign(id, name, description, type, startDate, archivedDate, assignment, start + 1, count);
    }

    /** A campaign beyond the default three: it takes the first or last three quarters of the customers, by its id. */
    private Campaign addedCampaign(int id, String name, String description, Assignment assignment, LocalDate startDate,
                                   LocalDate archivedDate) {
        return campaign(id, name, description, "Sales", assignment, id % 2, 2, settings.customersPerAssignment(), startDate, archivedDate);
    }

    private static List<CustomField> privateMarketFields() {
        return List.of(
                new CustomField(1324, "Opprinnelig lånebeløp", "integer", 12, "", CustomField.Content.LOAN_AMOUNT),
                new CustomField(1, "aktive produkter", "text", 999, "", CustomField.Content.ACTIVE_PRODUCTS),
                new CustomField(87, "merknad", "text", 999, "Fritekst fra selger", CustomField.Content.NOTE),
                new CustomField(78, "gatenavn", "text", 100, "", CustomField.Content.STREET_UPPER),
                new CustomField(79, "husnummer", "integer", 10, "", CustomField.Content.HOUSE_NUMBER),
                new CustomField(76, "antall år som kunde", "integer", 3, "", CustomField.Content.YEARS_AS_CUSTOMER),
                new CustomField(75, "fødselsdato", "date", 10, "ÅÅÅÅ-MM-DD", CustomField.Content.BIRTH_DATE),
                new CustomField(81, "poststed", "text", 100, "", CustomField.Content.CITY_UPPER),
                new CustomField(73, "fullt navn", "text", 200, "", CustomField.Content.FULL_NAME_UPPER),
                new CustomField(80, "postnummer", "text", 4, "", CustomField.Content.ZIP_CODE),
                new CustomField(85, "full adresse", "text", 300, "", CustomField.Content.FULL_ADDRESS),
                new CustomField(7, "stoppdato", "date", 10, "", CustomField.Content.STOP_DATE),
                new CustomField(2, "alder", "text", 50, "", CustomField.Content.AGE_TEXT),
                new CustomField(3, "kundekategori", "text", 2, "BT, PR eller GL", CustomField.Content.CATEGORY_CODE),
                new CustomField(5, "kundeverdi", "decimal", 10, "", CustomField.Content.SCORE),
                new CustomField(1358, "Resterende nedbetalingstid", "text", 20, "", CustomField.Content.REMAINING_TERM),
                new CustomField(1320, "Lånebeløp utbetalt", "date", 10, "", CustomField.Content.PAYOUT_DATE));
    }

    private static List<CustomField> businessMarketFields() {
        return List.of(
                new CustomField(17, "kundeklasse", "text", 1, "A, B eller C", CustomField.Content.CUSTOMER_CLASS),
                new CustomField(388, "gateadresse", "text", 200, "", CustomField.Content.STREET_ADDRESS),
                new CustomField(225, "tidligere leverandør", "text", 100, "", CustomField.Content.NOTE),
                new CustomField(390, "poststed", "text", 100, "", CustomField.Content.CITY_UPPER),
                new CustomField(78, "kampanjekode", "text", 20, "", CustomField.Content.EMPTY),
                new CustomField(253, "antall ansatte", "integer", 6, "", CustomField.Content.EMPLOYEES),
                new CustomField(79, "notat", "text", 999, "", CustomField.Content.EMPTY),
                new CustomField(387, "kontakttelefon", "text", 12, "", CustomField.Content.CONTACT_PHONE),
                new CustomField(385, "kontaktperson", "text", 100, "", CustomField.Content.CONTACT_PERSON),
                new CustomField(391, "full adresse", "text", 300, "", CustomField.Content.FULL_ADDRESS),
                new CustomField(24, "stiftelsesdato", "date", 10, "ÅÅÅÅ-MM-DD", CustomField.Content.FOUNDED),
                new CustomField(18, "bransje", "text", 50, "", CustomField.Content.INDUSTRY),
                new CustomField(19, "segmentkode", "text", 3, "", CustomField.Content.SEGMENT_CODE),
                new CustomField(20, "organisasjonsnummer", "decimal", 12, "", CustomField.Content.ORGANISATION_NUMBER),
                new CustomField(21, "Årsomsetning", "decimal", 12, "i millioner kroner", CustomField.Content.REVENUE),
                new CustomField(386, "klassifisering", "text", 50, "", CustomField.Content.CLASSIFICATION),
                new CustomField(389, "postnummer", "text", 4, "", CustomField.Content.ZIP_CODE));
    }

    /**
     * How many of a day's {@code perDay} generated events Cube holds: all of every day before today; of a later day
     * all without a clock (a fixed day serves the future too) and none with one; of today the first {@code heldToday}.
     */
    private record Holding(LocalDate today, int perDay, int heldToday, boolean clocked) {

        int on(LocalDate day) {
            if (day.isBefore(today)) {
                return perDay;
            }
            if (day.isAfter(today)) {
                return clocked ? 0 : perDay;
            }
            return heldToday;
        }
    }

    /**
     * A campaign's responses for one answer, as {@link DailyListing} sees them: generated per day, held as today's
     * count and the clock say (read once), filtered by {@code response_type}.
     */
    private final class ResponseDays implements DailyListing.Days {
        private final Campaign campaign;
        /** The {@code response_type} filter, null for none. */
        private final String type;
        private final int perDay = settings.responsesPerDay();
        private final Holding holding = holding(perDay, responsesToday);

        ResponseDays(Campaign campaign, String type) {
            this.campaign = campaign;
            this.type = type;
        }

        @Override
        public int heldOn(LocalDate day) {
            return holding == null ? perDay : holding.on(day);
        }

        @Override
        public ObjectNode record(LocalDate day, int index) {
            return activityGenerator.response(campaign, day, index);
        }

        @Override
        public long matchingOn(LocalDate day) {
            int held = heldOn(day);
            if (type == null) {
                return held;
            }
            long matching = 0;
            for (int index = 0; index < held; index++) {
                if (type.equals(activityGenerator.responseType(campaign, day, index))) {
                    matching++;
                }
            }
            return matching;
        }

        @Override
        public boolean matches(ObjectNode record) {
            return type == null || type.equals(record.path("type").asText());
        }

        @Override
        public IndexedRecords computed(LocalDate from, LocalDate to) {
            Window window = new Window(from, to);
            LongPredicate ofType = type == null ? null
                    : index -> type.equals(activityGenerator.responseType(campaign, window.day(index, perDay), (int) (index % perDay)));
            return daily(window, perDay, both(held(holding, index -> window.day(index, perDay), index -> (int) (index % perDay)), ofType),
                    index -> activityGenerator.response(campaign, window.day(index, perDay), (int) (index % perDay)));
        }
    }

    /** An inclusive range of days from the {@code from_date}/{@code to_date} query parameters. */
    private record Window(LocalDate from, LocalDate to) {

        /** @param fallback the day a missing date means, or null when both dates are mandatory */
        static Window parse(Map<String, String> query, LocalDate fallback) {
            ObjectNode errors = JSON.objectNode();
            LocalDate from = date(query, "from_date", fallback, errors);
            LocalDate to = date(query, "to_date", fallback, errors);
            if (!errors.isEmpty()) {
                throw new SimulatedHttpError(400, errors.toString());
            }
            return new Window(from, to);
        }

        long days() {
            return from.isAfter(to) ? 0 : ChronoUnit.DAYS.between(from, to) + 1;
        }

        /** The days of this window on which the campaign has activity. */
        Window during(Campaign campaign) {
            LocalDate first = from.isBefore(campaign.startDate()) ? campaign.startDate() : from;
            LocalDate last = campaign.archivedDate() != null && to.isAfter(campaign.archivedDate()) ? campaign.archivedDate() : to;
            return new Window(first, last);
        }

        LocalDate day(long index, int perDay) {
            return from.plusDays(index / perDay);
        }

        private static LocalDate date(Map<String, String> query, String name, LocalDate fallback, ObjectNode errors) {
            String value = query.get(name);
            if (value == null || value.isEmpty()) {
                if (fallback == null) {
                    errors.putArray(name).add("This field is required.");
                }
                return fallback;
            }
            try {
                return LocalDate.parse(value, QUERY_DATE);
            } catch (DateTimeParseException e) {
                errors.putArray(name).add("Date has wrong format. Use one of these formats instead: YYYYMMDD.");
                return null;
            }
        }
    }

    /**
     * Call outcomes of several campaigns in one index space: day, then campaign, then the campaign's index. The window
     * is cut into runs of days on which the same campaigns have activity, so that an index finds its day and campaign
     * without scanning, whatever campaigns start or end inside the window.
     */
    private final class DailyCampaignEvents {
        private final int perCampaign;
        private final List<Run> runs = new ArrayList<>();
        private final long size;

        DailyCampaignEvents(Window window, List<Campaign> campaigns, int perCampaign) {
            this.perCampaign = perCampaign;
            // a campaign without customers has nobody to call
            List<Campaign> sources = campaigns.stream().filter(campaign -> campaign.customerCount() > 0).toList();
            TreeSet<LocalDate> cuts = new TreeSet<>();
            if (!window.from().isAfter(window.to())) {
                cuts.add(window.from());
                for (Campaign campaign : sources) {
                    cuts.add(campaign.startDate());
                    if (campaign.archivedDate() != null) {
                        cuts.add(campaign.archivedDate().plusDays(1));
                    }
                }
            }
            long first = 0;
            for (LocalDate from : cuts.subSet(window.from(), true, window.to(), true)) {
                LocalDate next = cuts.higher(from);
                LocalDate to = next == null || next.isAfter(window.to()) ? window.to() : next.minusDays(1);
                List<Campaign> running = sources.stream().filter(campaign -> campaign.runsOn(from)).toList();
                long days = ChronoUnit.DAYS.between(from, to) + 1;
                long events = days * running.size() * perCampaign;
                if (events > 0) {
                    runs.add(new Run(from, running, first));
                    first += events;
                }
            }
            this.size = first;
        }

        long size() {
            return size;
        }

        String type(long index) {
            return activityGenerator.callOutcomeType(campaign(index), day(index), eventIndex(index));
        }

        LongPredicate held() {
            return SimulatedAccount.held(holding(perCampaign, -1), this::day, this::eventIndex);
        }

        ActivityGenerator.CallOutcome callOutcome(long index) {
            return activityGenerator.callOutcome(campaign(index), day(index), eventIndex(index));
        }

        private LocalDate day(long index) {
            Run run = run(index);
            return run.from().plusDays((index - run.first()) / ((long) run.campaigns().size() * perCampaign));
        }

        private Campaign campaign(long index) {
            Run run = run(index);
            return run.campaigns().get((int) ((index - run.first()) % ((long) run.campaigns().size() * perCampaign) / perCampaign));
        }

        private int eventIndex(long index) {
            // every run starts at a multiple of perCampaign
            return (int) (index % perCampaign);
        }

        /** The last run starting at or before the index. */
        private Run run(long index) {
            int low = 0;
            int high = runs.size() - 1;
            while (low < high) {
                int middle = (low + high + 1) >>> 1;
                if (runs.get(middle).first() <= index) {
                    low = middle;
                } else {
                    high = middle - 1;
                }
            }
            return runs.get(low);
        }
    }

    /** Days from {@code from} on, up to the next run, on which the same campaigns have activity. */
    private record Run(LocalDate from, List<Campaign> campaigns, long first) {
    }
}
