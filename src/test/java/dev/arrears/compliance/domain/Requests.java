package dev.arrears.compliance.domain;

import dev.arrears.compliance.JurisdictionProfiles;
import dev.arrears.compliance.domain.Attempt.Direction;
import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.ContactRequest.Address;
import dev.arrears.compliance.domain.ContactRequest.AddressKind;
import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.compliance.domain.ContactRequest.Message;
import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.ContactRequest.Recipient;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Debtor.InstantRange;
import dev.arrears.compliance.domain.Debtor.LocalTimeRange;
import dev.arrears.compliance.domain.Debtor.OptOut;
import dev.arrears.shared.Channel;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds contact requests for the rule tables and evaluates them with the shipped profiles. */
final class Requests {

    /** The shipped profiles, loaded once. */
    static final JurisdictionProfiles SHIPPED = JurisdictionProfiles.load(null);

    /** An instant inside every profile's window in every default zone, on Monday 2026-04-13. */
    static final Map<String, String> MIDDAY = Map.of(
            "US-REGF", "2026-04-13T18:00:00Z", "US-CREDITOR", "2026-04-13T18:00:00Z",
            "UK-FCA", "2026-04-13T12:00:00Z",
            "CN-NIFA", "2026-04-13T06:00:00Z", "CN-NIFA-2018", "2026-04-13T06:00:00Z",
            "CN-BANK", "2026-04-13T06:00:00Z");

    private final String jurisdiction;
    private Channel channel = Channel.CALL;
    private Instant at;
    private Purpose purpose = Purpose.COLLECT;
    private String debtId = "A";
    private Recipient recipient = Recipient.DEBTOR;
    private Address address;
    private Message message = new Message(true);
    private boolean automated;
    private DebtType debtType = DebtType.CONSUMER;
    private final List<ZoneId> zones = new ArrayList<>();
    private final Set<Flag> flags = EnumSet.noneOf(Flag.class);
    private final List<String> disputed = new ArrayList<>();
    private final List<OptOut> optOuts = new ArrayList<>();
    private final Set<Channel> consents = EnumSet.noneOf(Channel.class);
    private final List<InstantRange> consented = new ArrayList<>();
    private final List<LocalTimeRange> inconvenient = new ArrayList<>();
    private String region;
    private final List<Attempt> history = new ArrayList<>();

    private Requests(String jurisdiction) {
        this.jurisdiction = jurisdiction;
        this.at = Instant.parse(MIDDAY.get(jurisdiction));
    }

    /** Returns a call about debt A to the debtor for collection, at midday in every default zone. */
    static Requests under(String jurisdiction) {
        return new Requests(jurisdiction);
    }

    Requests channel(Channel value) {
        channel = value;
        return this;
    }

    Requests at(String instant) {
        at = Instant.parse(instant);
        return this;
    }

    Requests purpose(Purpose value) {
        purpose = value;
        return this;
    }

    Requests debt(String value) {
        debtId = value;
        return this;
    }

    Requests recipient(Recipient value) {
        recipient = value;
        return this;
    }

    Requests address(AddressKind kind, String value) {
        address = new Address(kind, value);
        return this;
    }

    Requests address(String value) {
        return address(AddressKind.PERSONAL, value);
    }

    Requests message(Message value) {
        message = value;
        return this;
    }

    Requests automated() {
        automated = true;
        return this;
    }

    Requests commercial() {
        debtType = DebtType.COMMERCIAL;
        return this;
    }

    Requests zones(String... ids) {
        Arrays.stream(ids).map(ZoneId::of).forEach(zones::add);
        return this;
    }

    Requests flags(Flag... values) {
        flags.addAll(List.of(values));
        return this;
    }

    Requests disputed(String... debtIds) {
        disputed.addAll(List.of(debtIds));
        return this;
    }

    Requests optOut(Channel optedOut, String optedOutAddress) {
        optOuts.add(new OptOut(optedOut, optedOutAddress));
        return this;
    }

    Requests consents(Channel... values) {
        consents.addAll(List.of(values));
        return this;
    }

    Requests consented(String from, String to) {
        consented.add(new InstantRange(Instant.parse(from), Instant.parse(to)));
        return this;
    }

    Requests inconvenient(String from, String to) {
        inconvenient.add(new LocalTimeRange(LocalTime.parse(from), LocalTime.parse(to)));
        return this;
    }

    Requests region(String value) {
        region = value;
        return this;
    }

    Requests history(Attempt... attempts) {
        history.addAll(List.of(attempts));
        return this;
    }

    /** Returns the request as built. */
    ContactRequest build() {
        Debtor debtor = new Debtor(zones, flags, Set.copyOf(disputed), optOuts, consents, consented, inconvenient,
                region);
        return new ContactRequest(jurisdiction, channel, at, purpose, debtId, recipient, address, message, automated,
                debtType, debtor, history);
    }

    /** Returns the guard's verdict on the request under its shipped profile. */
    Verdict verdict() {
        return SHIPPED.require(jurisdiction).evaluate(build());
    }

    /** Returns an outbound call with an outcome about some debts (none: the debts are unknown). */
    static Attempt call(String at, Outcome outcome, String... debtIds) {
        return new Attempt(Channel.CALL, Direction.OUTBOUND, Instant.parse(at), outcome, List.of(debtIds), null);
    }

    /** Returns an outbound call to a number. */
    static Attempt callTo(String number, String at, Outcome outcome) {
        return new Attempt(Channel.CALL, Direction.OUTBOUND, Instant.parse(at), outcome, List.of("A"), number);
    }

    /** Returns an inbound call with an outcome about some debts. */
    static Attempt inbound(String at, Outcome outcome, String... debtIds) {
        return new Attempt(Channel.CALL, Direction.INBOUND, Instant.parse(at), outcome, List.of(debtIds), null);
    }

    /** Returns the rule names of a verdict's reasons. */
    static List<String> rules(Verdict verdict) {
        return verdict.reasons().stream().map(Verdict.Reason::rule).toList();
    }
}
