package dev.arrears.compliance.domain;

import dev.arrears.shared.Channel;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * What the guard knows of the debtor: candidate time zones (address, phone area …; empty = the profile's
 * defaults), flags, debts disputed one by one, opt-outs, channels with express consent, instants the debtor
 * agreed to be contacted at, local times the debtor asked us to avoid, and the region of residence as ISO 3166-2
 * ({@code US-MA}; null when unknown). Collections are never null.
 */
public record Debtor(List<ZoneId> timeZones, Set<Flag> flags, Set<String> disputedDebtIds, List<OptOut> optOuts,
                     Set<Channel> consents, List<InstantRange> consentedTimes, List<LocalTimeRange> inconvenientTimes,
                     String region) {

    public static final Debtor NONE = new Debtor(List.of(), Set.of(), Set.of(), List.of(), Set.of(), List.of(),
            List.of(), null);

    public Debtor {
        timeZones = timeZones == null ? List.of() : List.copyOf(timeZones);
        flags = flags == null || flags.isEmpty() ? Set.of() : Set.copyOf(flags);
        disputedDebtIds = disputedDebtIds == null ? Set.of() : Set.copyOf(disputedDebtIds);
        optOuts = optOuts == null ? List.of() : List.copyOf(optOuts);
        consents = consents == null || consents.isEmpty() ? Set.of() : Set.copyOf(consents);
        consentedTimes = consentedTimes == null ? List.of() : List.copyOf(consentedTimes);
        inconvenientTimes = inconvenientTimes == null ? List.of() : List.copyOf(inconvenientTimes);
    }

    /** Facts about the debtor that rules act on; set and cleared through the compliance API. */
    public enum Flag {
        DISPUTE_OPEN, CEASE_REQUESTED, HAS_ATTORNEY, TIME_BARRED, BREATHING_SPACE, BANKRUPTCY, DECEASED, HARDSHIP
    }

    /** An opt-out of a whole channel ({@code address} null) or of one address on it. */
    public record OptOut(Channel channel, String address) {
    }

    /** A half-open span of instants [from, to). */
    public record InstantRange(Instant from, Instant to) {
    }

    /** A half-open span of local wall-clock times [from, to); {@code from > to} wraps past midnight. */
    public record LocalTimeRange(LocalTime from, LocalTime to) {
    }
}
