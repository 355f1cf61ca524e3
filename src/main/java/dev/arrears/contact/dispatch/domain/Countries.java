package dev.arrears.contact.dispatch.domain;

import java.time.ZoneId;
import java.util.Map;

/**
 * The debtor's country (ISO 3166-1 alpha-2) as far as the ledger tells it, for the guard's choice of jurisdiction:
 * from the phone number's calling code, else from the customer's time zone; null when neither says.
 */
public final class Countries {

    /** Calling codes, longest first where they share digits. */
    private static final String[][] CALLING_CODES = {
            {"+852", "HK"}, {"+853", "MO"}, {"+886", "TW"}, {"+86", "CN"}, {"+44", "GB"}, {"+1", "US"}};

    private static final Map<String, String> ZONES = Map.ofEntries(
            Map.entry("Asia/Shanghai", "CN"), Map.entry("Asia/Chongqing", "CN"), Map.entry("Asia/Urumqi", "CN"),
            Map.entry("Asia/Harbin", "CN"), Map.entry("PRC", "CN"), Map.entry("Asia/Hong_Kong", "HK"),
            Map.entry("Asia/Macau", "MO"), Map.entry("Asia/Taipei", "TW"), Map.entry("Europe/London", "GB"),
            Map.entry("America/New_York", "US"), Map.entry("America/Chicago", "US"),
            Map.entry("America/Denver", "US"), Map.entry("America/Phoenix", "US"),
            Map.entry("America/Los_Angeles", "US"), Map.entry("America/Anchorage", "US"),
            Map.entry("America/Detroit", "US"), Map.entry("America/Boise", "US"),
            Map.entry("Pacific/Honolulu", "US"));

    private Countries() {
    }

    /** Returns the country of a phone number (E.164) or zone; null when unknown. */
    public static String of(String phone, ZoneId zone) {
        if (phone != null) {
            String p = phone.strip();
            for (String[] code : CALLING_CODES) {
                if (p.startsWith(code[0])) {
                    return code[1];
                }
            }
        }
        return zone == null ? null : ZONES.get(zone.getId());
    }
}
