package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Rule.Finding;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The contact window: a call, SMS, e-mail, push message or visit (not a letter) must fall inside the profile's
 * local window in every candidate zone of the debtor, or inside a time the debtor consented to when the profile
 * honours that (CN-BANK). Outside it the contact is deferred to the window's next opening in all zones; when no
 * instant within {@value Facts#SEARCH_DAYS} days is inside the window everywhere (zones too far apart) it is
 * blocked.
 */
record ContactWindow() implements Rule {

    @Override
    public RuleId id() {
        return RuleId.CONTACT_WINDOW;
    }

    @Override
    public boolean readsInstant() {
        return true;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        if (!facts.timed) {
            return null;
        }
        int zone = facts.zoneOutsideWindow(t);
        if (zone < 0 || facts.consented(t)) {
            return null;
        }
        Profile.Window window = facts.profile.window();
        String hours = window.start() + " to " + window.end() + " local time";
        Instant next = facts.next(t, true, false);
        if (next == null) {
            return Finding.block("No moment in the next " + Facts.SEARCH_DAYS + " days is inside " + hours
                    + " in all of the debtor's time zones (" + Arrays.stream(facts.zones).map(Object::toString)
                    .collect(Collectors.joining(", ")) + "); check the debtor's time zones.");
        }
        return Finding.defer(next, "Outside the contact window: it is " + facts.localTime(zone, t) + " in "
                + facts.zones[zone] + ", and " + Channels.plural(facts.request.channel()) + " are allowed only from "
                + hours + " in every time zone of the debtor"
                + (window.unlessConsented() ? " unless the debtor agreed to the time." : "."));
    }
}
