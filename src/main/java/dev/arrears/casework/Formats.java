package dev.arrears.casework;

import dev.arrears.shared.Channel;
import dev.arrears.shared.Money;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Currency;
import java.util.stream.Collectors;

/**
 * Formatting used by the page templates (as {@code fmt}): amounts in major units with their currency code,
 * instants in the customer's zone. Never rounds: an amount shows every minor unit it has.
 */
public final class Formats {

    static final Formats INSTANCE = new Formats();

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Formats() {
    }

    /** Formats minor units of a currency as "1234.50 CNY". */
    public String money(long minor, String currency) {
        return Money.format(minor, Currency.getInstance(currency)) + " " + currency;
    }

    /** Formats minor units as a decimal in major units without the code ("1234.50"), for columns headed by it. */
    public String amount(long minor, String currency) {
        return Money.format(minor, Currency.getInstance(currency));
    }

    /** Formats an instant as local date and time in the zone ("2026-11-23 12:00"), with the zone's id. */
    public String instant(Instant instant, String zone) {
        if (instant == null) {
            return "";
        }
        ZoneId id = zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone);
        return DATE_TIME.format(instant.atZone(id)) + " " + id.getId();
    }

    /** Lists channels in their declared order, comma separated; "—" when there are none. */
    public String channels(Collection<Channel> channels) {
        if (channels == null || channels.isEmpty()) {
            return "—";
        }
        return channels.stream().sorted().map(Channel::name).collect(Collectors.joining(", "));
    }
}
