package dev.arrears.compliance.domain;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives the time zones a debtor may be in, and the country and region that select the jurisdiction profile,
 * from what the ledger knows: the customer's IANA zone (from the address; listed first, so counting rules use its
 * local days) and E.164 phone numbers. Country codes +44, +86, +852 and +886 give one zone each; +1 numbers give
 * a zone and a US state or Canadian province only for the area codes of the table below (the largest states, the
 * states with a zone of their own, Massachusetts for its call cap, and the three largest Canadian cities); an
 * unknown area code adds nothing. Pure; the tables are small on purpose and documented in place.
 */
public final class CandidateZones {

    /** Zones, in order (address first, then phones, each once); country ISO 3166-1 and region ISO 3166-2 or null. */
    public record Candidates(List<ZoneId> zones, String country, String region) {
        public Candidates {
            zones = List.copyOf(zones);
        }
    }

    private record Place(String country, String region, List<ZoneId> zones) {
    }

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId DENVER = ZoneId.of("America/Denver");
    private static final ZoneId PHOENIX = ZoneId.of("America/Phoenix");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final ZoneId ANCHORAGE = ZoneId.of("America/Anchorage");
    private static final ZoneId HONOLULU = ZoneId.of("Pacific/Honolulu");
    private static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    private static final ZoneId VANCOUVER = ZoneId.of("America/Vancouver");

    /** Country calling codes other than +1, longest first so that +852 is tried before +85x. */
    private static final List<Map.Entry<String, Place>> CALLING_CODES = List.of(
            Map.entry("852", new Place("HK", null, List.of(ZoneId.of("Asia/Hong_Kong")))),
            Map.entry("886", new Place("TW", null, List.of(ZoneId.of("Asia/Taipei")))),
            Map.entry("44", new Place("GB", null, List.of(ZoneId.of("Europe/London")))),
            Map.entry("86", new Place("CN", null, List.of(ZoneId.of("Asia/Shanghai")))));

    /** North American area codes (NANP) → state or province and zone(s). */
    private static final Map<String, Place> AREA_CODES = new HashMap<>();

    /** Zones that name their country, for a customer whose phones say nothing. */
    private static final Map<String, String> ZONE_COUNTRIES = new HashMap<>();

    static {
        us("US-NY", List.of(NEW_YORK), "212 315 332 347 516 518 585 607 631 646 680 716 718 838 845 914 917 929 934");
        us("US-CA", List.of(LOS_ANGELES), "209 213 279 310 323 341 408 415 424 442 510 530 559 562 619 626 628 650 "
                + "657 661 669 707 714 747 760 805 818 820 831 858 909 916 925 949 951");
        us("US-TX", List.of(CHICAGO), "210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 "
                + "832 903 936 940 956 972 979");
        us("US-TX", List.of(DENVER), "915"); // El Paso keeps Mountain time
        us("US-FL", List.of(NEW_YORK), "239 305 321 352 386 407 561 689 727 754 772 786 813 863 904 941 954");
        us("US-FL", List.of(NEW_YORK, CHICAGO), "850"); // the Panhandle straddles Eastern and Central time
        us("US-IL", List.of(CHICAGO), "217 224 309 312 331 618 630 708 773 779 815 847 872");
        us("US-PA", List.of(NEW_YORK), "215 223 267 272 412 445 484 570 610 717 724 814 878");
        us("US-MA", List.of(NEW_YORK), "339 351 413 508 617 774 781 857 978"); // 940 CMR 7.04(1)(f) call cap
        us("US-AZ", List.of(PHOENIX), "480 520 602 623 928"); // no daylight-saving time
        us("US-CO", List.of(DENVER), "303 719 720 970");
        us("US-WA", List.of(LOS_ANGELES), "206 253 360 425 509 564");
        us("US-AK", List.of(ANCHORAGE), "907");
        us("US-HI", List.of(HONOLULU), "808");
        place("CA", "CA-ON", List.of(TORONTO), "416 437 647");
        place("CA", "CA-QC", List.of(TORONTO), "438 514"); // Montréal keeps Eastern time (America/Toronto's rules)
        place("CA", "CA-BC", List.of(VANCOUVER), "236 604 778");

        for (String zone : List.of("America/New_York", "America/Detroit", "America/Chicago", "America/Denver",
                "America/Boise", "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "America/Juneau",
                "Pacific/Honolulu", "America/Indiana/Indianapolis", "America/Kentucky/Louisville", "US/Eastern",
                "US/Central", "US/Mountain", "US/Pacific", "US/Alaska", "US/Hawaii", "US/Arizona")) {
            ZONE_COUNTRIES.put(zone, "US");
        }
        for (String zone : List.of("America/Toronto", "America/Vancouver", "America/Edmonton", "America/Winnipeg",
                "America/Halifax", "America/St_Johns", "America/Regina", "America/Montreal")) {
            ZONE_COUNTRIES.put(zone, "CA");
        }
        ZONE_COUNTRIES.put("Europe/London", "GB");
        ZONE_COUNTRIES.put("GB", "GB");
        for (String zone : List.of("Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin",
                "Asia/Urumqi", "PRC")) {
            ZONE_COUNTRIES.put(zone, "CN");
        }
        ZONE_COUNTRIES.put("Asia/Hong_Kong", "HK");
        ZONE_COUNTRIES.put("Hongkong", "HK");
        ZONE_COUNTRIES.put("Asia/Taipei", "TW");
        ZONE_COUNTRIES.put("ROC", "TW");
    }

    private static void us(String region, List<ZoneId> zones, String codes) {
        place("US", region, zones, codes);
    }

    private static void place(String country, String region, List<ZoneId> zones, String codes) {
        for (String code : codes.split(" ")) {
            if (AREA_CODES.put(code, new Place(country, region, zones)) != null) {
                throw new IllegalStateException("area code listed twice: " + code);
            }
        }
    }

    private CandidateZones() {
    }

    /**
     * Returns the candidate zones, country and region of a customer. The country is the one the address zone
     * names, else that of the first phone whose country is known; the region comes from the first phone in that
     * country that names one. Phones not in E.164 ({@code +} and 8 to 15 digits) are skipped.
     *
     * @param addressZone the customer's IANA zone from the ledger; null when unknown
     * @param phones      the customer's phone numbers, E.164
     */
    public static Candidates of(ZoneId addressZone, Collection<String> phones) {
        Set<ZoneId> zones = new LinkedHashSet<>();
        if (addressZone != null) {
            zones.add(addressZone);
        }
        List<Place> places = new ArrayList<>();
        for (String phone : phones == null ? List.<String>of() : phones) {
            Place place = place(phone);
            if (place != null) {
                places.add(place);
                zones.addAll(place.zones());
            }
        }
        String country = addressZone == null ? null : ZONE_COUNTRIES.get(addressZone.getId());
        if (country == null) {
            country = places.stream().map(Place::country).findFirst().orElse(null);
        }
        String region = null;
        for (Place place : places) {
            if (place.country().equals(country) && place.region() != null) {
                region = place.region();
                break;
            }
        }
        return new Candidates(List.copyOf(zones), country, region);
    }

    /** Returns where a phone number is, or null when it is no E.164 number or its place is not in the tables. */
    static Place place(String phone) {
        if (phone == null) {
            return null;
        }
        String number = phone.strip();
        if (!number.matches("\\+[1-9]\\d{7,14}")) {
            return null;
        }
        String digits = number.substring(1);
        if (digits.startsWith("1")) {
            return digits.length() == 11 ? AREA_CODES.get(digits.substring(1, 4)) : null;
        }
        for (Map.Entry<String, Place> code : CALLING_CODES) {
            if (digits.startsWith(code.getKey())) {
                return code.getValue();
            }
        }
        return null;
    }
}
