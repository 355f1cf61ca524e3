package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.CandidateZones.Candidates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Zones, country and region derived from the ledger's zone and the customer's phones, as a table. */
class CandidateZonesTest {

    private static ZoneId zone(String text) {
        return text == null || text.equals("-") ? null : ZoneId.of(text);
    }

    private static List<String> list(String text) {
        return text == null || text.equals("-") ? List.of() : Arrays.asList(text.split(" "));
    }

    private static String blank(String text) {
        return text == null || text.equals("-") ? null : text;
    }

    @ParameterizedTest(name = "{0} + {1} → {2} {3} {4}")
    @CsvSource({
            // address zone, phones → zones, country, region
            "Asia/Shanghai,    +8613800138000,           Asia/Shanghai,                         CN, -",
            "-,                +8613800138000,           Asia/Shanghai,                         CN, -",
            "-,                +85291234567,             Asia/Hong_Kong,                        HK, -",
            "-,                +886912345678,            Asia/Taipei,                           TW, -",
            "-,                +447911123456,            Europe/London,                         GB, -",
            "Europe/London,    -,                        Europe/London,                         GB, -",
            // NANP: the area code gives the state and its zone
            "-,                +12125550100,             America/New_York,                      US, US-NY",
            "-,                +16175550100,             America/New_York,                      US, US-MA",
            "-,                +13105550100,             America/Los_Angeles,                   US, US-CA",
            "-,                +16025550100,             America/Phoenix,                       US, US-AZ",
            "-,                +19155550100,             America/Denver,                        US, US-TX",
            "-,                +18085550100,             Pacific/Honolulu,                      US, US-HI",
            "-,                +19075550100,             America/Anchorage,                     US, US-AK",
            "-,                +14165550100,             America/Toronto,                       CA, CA-ON",
            // the Florida Panhandle straddles two zones: both are candidates
            "-,                +18505550100,             America/New_York America/Chicago,      US, US-FL",
            // an area code not in the table adds nothing; the address still names the country
            "America/Chicago,  +16055550100,             America/Chicago,                       US, -",
            "-,                +16055550100,             -,                                     -,  -",
            // address first (counting rules use its local days), then the phones' zones, each once
            "America/New_York, +13105550100 +12125550100, America/New_York America/Los_Angeles, US, US-CA",
            // the address names the country; a phone abroad adds its zone but not its region
            "America/New_York, +8613800138000,           America/New_York Asia/Shanghai,        US, -",
            "Asia/Shanghai,    +16175550100,             Asia/Shanghai America/New_York,        CN, -",
            // an address zone no table knows: the first phone with a known country decides
            "Asia/Tokyo,       +447911123456,            Asia/Tokyo Europe/London,              GB, -",
            // not E.164: skipped
            "-,                13800138000 +1212 +86-138, -,                                    -,  -",
    })
    void customer_hasTheseCandidates(String addressZone, String phones, String zones, String country,
                                     String region) {
        Candidates candidates = CandidateZones.of(zone(addressZone), list(phones));

        assertThat(candidates.zones()).containsExactlyElementsOf(list(zones).stream().map(ZoneId::of).toList());
        assertThat(candidates.country()).isEqualTo(blank(country));
        assertThat(candidates.region()).isEqualTo(blank(region));
    }

    @Test
    void nothingKnown_givesNoZoneAndNoCountry() {
        assertThat(CandidateZones.of(null, null)).isEqualTo(new Candidates(List.of(), null, null));
    }
}
