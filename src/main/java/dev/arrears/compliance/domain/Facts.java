package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Attempt.Direction;
import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.compliance.domain.Debtor.InstantRange;
import dev.arrears.compliance.domain.Debtor.LocalTimeRange;
import dev.arrears.shared.Channel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;

/**
 * One request under one profile, with what the rules derive from it computed once: the candidate zones (the
 * debtor's, else the profile's defaults), the first zone whose local days the counting rules use, the local day of
 * every past attempt, and the search for the next instant inside the contact window. Instants are compared in
 * whole seconds of local time; days are epoch days in the first zone.
 */
final class Facts {

    /** How far ahead, in days, the next lawful instant is searched for before a contact is blocked. */
    static final int SEARCH_DAYS = 14;

    /** How many local days of each zone the quick search for the next allowed instant tries first. */
    private static final int QUICK_DAYS = 4;

    private static final int DAY_SECONDS = 86_400;

    final ContactRequest request;
    final Profile profile;
    final ZoneId[] zones;
    final ZoneId firstZone;
    /** Whether the channel is bound by the contact window (every channel but LETTER). */
    final boolean timed;

    private final ZoneRules[] rules;
    // Per zone, the span of epoch seconds [from, to) over which the zone's offset is the one cached: most
    // instants of one request share it, and ZoneRules.getOffset costs more than the rest of a rule.
    private final long[] offsetFrom;
    private final long[] offsetTo;
    private final int[] offsetSeconds;
    private final int windowStart;
    private final int windowEnd;
    private final boolean consentOpensWindow;
    private final int[] inconvenientFrom;
    private final int[] inconvenientTo;
    private long[] historyDays;

    Facts(ContactRequest request, Profile profile) {
        this.request = request;
        this.profile = profile;
        List<ZoneId> candidates = request.debtor().timeZones().isEmpty()
                ? profile.defaultZones() : request.debtor().timeZones();
        this.zones = candidates.toArray(ZoneId[]::new);
        this.rules = new ZoneRules[zones.length];
        this.offsetFrom = new long[zones.length];
        this.offsetTo = new long[zones.length];
        this.offsetSeconds = new int[zones.length];
        for (int i = 0; i < zones.length; i++) {
            rules[i] = zones[i].getRules();
            offsetFrom[i] = 1; // empty span: the first lookup fills it
        }
        this.firstZone = zones[0];
        this.timed = request.channel() != Channel.LETTER;
        this.windowStart = profile.window().start().toSecondOfDay();
        this.windowEnd = profile.window().end().toSecondOfDay();
        this.consentOpensWindow = profile.window().unlessConsented()
                && !request.debtor().consentedTimes().isEmpty();
        List<LocalTimeRange> ranges = request.debtType() == DebtType.CONSUMER
                && profile.applies(RuleId.INCONVENIENT_TIME) ? request.debtor().inconvenientTimes() : List.of();
        this.inconvenientFrom = new int[ranges.size()];
        this.inconvenientTo = new int[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            inconvenientFrom[i] = ranges.get(i).from().toSecondOfDay();
            inconvenientTo[i] = ranges.get(i).to().toSecondOfDay();
        }
    }

    // ---- local days (first zone) ----

    /** Returns the local day of an instant in the first zone, as an epoch day. */
    long day(Instant t) {
        long seconds = t.getEpochSecond();
        return Math.floorDiv(seconds + offset(0, seconds), DAY_SECONDS);
    }

    /** Returns a zone's offset from UTC, in seconds, at an epoch second. */
    private int offset(int zone, long epochSecond) {
        if (epochSecond >= offsetFrom[zone] && epochSecond < offsetTo[zone]) {
            return offsetSeconds[zone];
        }
        ZoneRules zoneRules = rules[zone];
        Instant t = Instant.ofEpochSecond(epochSecond);
        int offset = zoneRules.getOffset(t).getTotalSeconds();
        if (zoneRules.isFixedOffset()) {
            offsetFrom[zone] = Long.MIN_VALUE;
            offsetTo[zone] = Long.MAX_VALUE;
        } else {
            ZoneOffsetTransition previous = zoneRules.previousTransition(t.plusSeconds(1));
            ZoneOffsetTransition next = zoneRules.nextTransition(t);
            offsetFrom[zone] = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
            offsetTo[zone] = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        }
        offsetSeconds[zone] = offset;
        return offset;
    }

    /** Returns the local day of the history entry at an index, in the first zone. */
    long historyDay(int index) {
        if (historyDays == null) {
            List<Attempt> history = request.history();
            long[] days = new long[history.size()];
            for (int i = 0; i < days.length; i++) {
                days[i] = day(history.get(i).at());
            }
            historyDays = days;
        }
        return historyDays[index];
    }

    /** Returns the first instant of a local day in the first zone. */
    Instant startOfDay(long day) {
        return LocalDate.ofEpochDay(day).atStartOfDay(firstZone).toInstant();
    }

    /** Returns an epoch day as a date. */
    static LocalDate date(long day) {
        return LocalDate.ofEpochDay(day);
    }

    // ---- past calls ----

    /** Returns true for an outbound call in the history. */
    static boolean outboundCall(Attempt attempt) {
        return attempt.channel() == Channel.CALL && attempt.direction() == Direction.OUTBOUND;
    }

    /**
     * Returns true when a past contact was about the request's debt: it names that debt, or names none (unknown
     * debts count for every debt), or the request names no debt (then every contact counts).
     */
    boolean aboutRequestedDebt(Attempt attempt) {
        String debtId = request.debtId();
        return debtId == null || attempt.debtIds().isEmpty() || attempt.debtIds().contains(debtId);
    }

    /** Returns "debt A" or "the debtor's debts" for messages. */
    String debtName() {
        return request.debtId() == null ? "the debtor's debts" : "debt " + request.debtId();
    }

    // ---- the contact window ----

    /** Returns the local second of the day of an epoch second in a zone. */
    private int secondOfDay(int zone, long epochSecond) {
        return Math.floorMod(epochSecond + offset(zone, epochSecond), DAY_SECONDS);
    }

    /** Returns the index of the first zone in which the instant is outside the window, or -1 when none is. */
    int zoneOutsideWindow(Instant t) {
        long seconds = t.getEpochSecond();
        for (int i = 0; i < zones.length; i++) {
            int s = secondOfDay(i, seconds);
            if (s < windowStart || s >= windowEnd) {
                return i;
            }
        }
        return -1;
    }

    /** Returns true when the instant lies inside one of the debtor's consented times and the profile honours them. */
    boolean consented(Instant t) {
        if (!consentOpensWindow) {
            return false;
        }
        for (InstantRange range : request.debtor().consentedTimes()) {
            if (!t.isBefore(range.from()) && t.isBefore(range.to())) {
                return true;
            }
        }
        return false;
    }

    /** Returns true when the profile applies inconvenient times and the debtor named some. */
    boolean hasInconvenientTimes() {
        return inconvenientFrom.length > 0;
    }

    /** Returns the index of the first zone in which the instant is in an inconvenient time, or -1 when none is. */
    int zoneInconvenient(Instant t) {
        if (inconvenientFrom.length == 0) {
            return -1;
        }
        long seconds = t.getEpochSecond();
        for (int i = 0; i < zones.length; i++) {
            int s = secondOfDay(i, seconds);
            for (int r = 0; r < inconvenientFrom.length; r++) {
                if (inRange(s, inconvenientFrom[r], inconvenientTo[r])) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Returns the inconvenient range an instant falls in, in a zone, or null. */
    LocalTimeRange inconvenientRange(int zone, Instant t) {
        int s = secondOfDay(zone, t.getEpochSecond());
        for (int r = 0; r < inconvenientFrom.length; r++) {
            if (inRange(s, inconvenientFrom[r], inconvenientTo[r])) {
                return request.debtor().inconvenientTimes().get(r);
            }
        }
        return null;
    }

    /** Returns true when a second of the day lies in [from, to); from after to wraps past midnight. */
    private static boolean inRange(int s, int from, int to) {
        return from < to ? s >= from && s < to : from > to && (s >= from || s < to);
    }

    /** Returns the local wall-clock time of an instant in a zone, to the minute, for messages. */
    LocalTime localTime(int zone, Instant t) {
        return LocalTime.ofSecondOfDay(secondOfDay(zone, t.getEpochSecond())).withSecond(0);
    }

    /** Returns true when the instant satisfies the window (or a consented time) and, if asked, avoids inconvenient times. */
    private boolean allowed(Instant t, boolean window, boolean convenience) {
        if (window && zoneOutsideWindow(t) >= 0 && !consented(t)) {
            return false;
        }
        return !convenience || zoneInconvenient(t) < 0;
    }

    /**
     * Returns the earliest instant at or after {@code from} that lies inside the window in every zone (or inside a
     * consented time) and, when {@code convenience}, outside every inconvenient time; null when there is none
     * within {@value #SEARCH_DAYS} days. The allowed instants are a union of intervals whose starts are window
     * openings, ends of inconvenient times, starts of consented times or zone transitions, so only those are
     * tried, in order: first those of the first local days (the answer is nearly always among them), then, if
     * none is allowed, all of them.
     */
    Instant next(Instant from, boolean window, boolean convenience) {
        if (allowed(from, window, convenience)) {
            return from;
        }
        long start = from.getEpochSecond();
        long limit = start + (long) SEARCH_DAYS * DAY_SECONDS;
        // The quick search tries the local days from the day before from's to QUICK_DAYS - 2 days after it, in
        // every zone. From's local day started less than 26 hours before it, and a local day lasts at least 21
        // hours even counting daylight-saving shifts, so every later candidate lies after this bound.
        long quick = start - 26 * 3600L + (QUICK_DAYS - 1) * 21 * 3600L;
        Instant found = search(from, window, convenience, QUICK_DAYS, Math.min(quick, limit));
        return found != null || quick >= limit ? found : search(from, window, convenience, SEARCH_DAYS + 2, limit);
    }

    /**
     * Returns the earliest allowed candidate after {@code from} and at most {@code bound}, trying the openings of
     * {@code days} local days of each zone from the day before {@code from}'s, the zones' transitions and the
     * starts of consented times; null when none is allowed.
     */
    private Instant search(Instant from, boolean window, boolean convenience, int days, long bound) {
        long start = from.getEpochSecond();
        long[] candidates = new long[16];
        int count = 0;
        for (int z = 0; z < zones.length; z++) {
            LocalDate first = LocalDate.ofEpochDay(Math.floorDiv(start + offset(z, start), DAY_SECONDS))
                    .minusDays(1);
            for (int d = 0; d < days; d++) {
                LocalDate date = first.plusDays(d);
                if (window) {
                    candidates = grow(candidates, count + 1);
                    candidates[count++] = epochSecond(date, windowStart, zones[z]);
                }
                if (convenience) {
                    for (int to : inconvenientTo) {
                        candidates = grow(candidates, count + 1);
                        candidates[count++] = epochSecond(date, to, zones[z]);
                    }
                }
            }
            // A local time that falls in a daylight-saving gap is first reached at the transition itself.
            ZoneOffsetTransition transition = rules[z].nextTransition(from);
            while (transition != null && transition.toEpochSecond() <= bound) {
                candidates = grow(candidates, count + 1);
                candidates[count++] = transition.toEpochSecond();
                transition = rules[z].nextTransition(transition.getInstant());
            }
        }
        if (window && consentOpensWindow) {
            for (InstantRange range : request.debtor().consentedTimes()) {
                Instant opens = range.from();
                candidates = grow(candidates, count + 1);
                candidates[count++] = opens.getNano() == 0 ? opens.getEpochSecond() : opens.getEpochSecond() + 1;
            }
        }
        Arrays.sort(candidates, 0, count);
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            long second = candidates[i];
            if (second == previous || second <= start) {
                continue;
            }
            if (second > bound) {
                break;
            }
            previous = second;
            Instant t = Instant.ofEpochSecond(second);
            if (allowed(t, window, convenience)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Returns the first instant at or after {@code from} at which the channel may be used as far as time goes
     * (window, consented times, inconvenient times): the window's opening for the caps; {@code from} itself for
     * letters or when no such instant is found (the window rule then says why).
     */
    Instant opening(Instant from) {
        if (!timed) {
            return from;
        }
        Instant next = next(from, true, hasInconvenientTimes());
        return next == null ? from : next;
    }

    private static long epochSecond(LocalDate date, int secondOfDay, ZoneId zone) {
        return LocalDateTime.of(date, LocalTime.ofSecondOfDay(secondOfDay)).atZone(zone).toEpochSecond();
    }

    private static long[] grow(long[] array, int size) {
        return size <= array.length ? array : Arrays.copyOf(array, array.length * 2);
    }
}
