package dev.arrears.scoring;

import dev.arrears.scoring.features.FeatureReader;
import dev.arrears.scoring.features.FeatureRow;
import dev.arrears.scoring.features.Features;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@Tag("integration")
class NoLookAheadTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    private FeatureRow read(long account, LocalDate asOf) throws Exception {
        List<FeatureRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            FeatureReader.readAccounts(c, new long[]{account}, asOf, rows::add);
        }
        return rows.getFirst();
    }

    @Test
    void featuresAsOfADate_ignoreEverythingDatedAfterIt() throws Exception {
        Histories h = new Histories(jdbc);
        FeatureReaderTest.Built b = FeatureReaderTest.history(h);
        LocalDate d = FeatureReaderTest.D;
        FeatureRow before = read(b.account(), d);

        // the future arrives: bills, payments (one at 00:30 Shanghai on the next day), adjustments, a new
        // episode, the open episode cured later with a worse maximum, promises broken, disputes, contacts
        h.bill(b.account(), d.plusDays(1), d.plusDays(20), 55_000);
        h.bill(b.account(), d.plusDays(2), d.minusDays(5), 7_000);  // issued after D, though due before it
        h.payment(b.account(), "2026-06-30T16:30:00Z", 12_345, null);
        h.payment(b.account(), "2026-07-15T02:00:00Z", 40_000, null);
        h.adjustment(b.account(), "WAIVER", 3_000, d.plusDays(1));
        h.adjustment(b.account(), "DEBIT_NOTE", 3_000, d.plusDays(3));
        h.episode(b.account(), LocalDate.of(2026, 6, 21), LocalDate.of(2026, 9, 1), 72);
        h.episode(b.account(), d.plusDays(70), null, 5);
        h.promise(b.account(), b.customer(), "BROKEN", d.minusDays(10), d.plusDays(3));
        h.promise(b.account(), b.customer(), "ACTIVE", d.plusDays(4), null);
        h.dispute(b.customer(), null, "2026-07-02T02:00:00Z", null);
        h.contact(b.customer(), b.account(), "2026-07-01T02:00:00Z");
        h.contact(b.customer(), b.account(), "2026-06-30T20:00:00Z");  // 04:00 on 1 July in Shanghai
        h.state(b.account(), d.plusDays(80), 999_999);
        jdbc.sql("update account set status = 'SUSPENDED' where id = ?").param(b.account()).update();

        FeatureRow after = read(b.account(), d);
        for (int i = 0; i < Features.COUNT; i++) {
            String name = Features.COLUMNS.get(i).name();
            assertThat(Double.valueOf(after.numeric()[i])).as(name).isEqualTo(Double.valueOf(before.numeric()[i]));
            assertThat(after.categories()[i]).as(name).isEqualTo(before.categories()[i]);
        }
        // and the later date does see them
        assertThat(read(b.account(), d.plusDays(20)).value(Features.AVG_BILL_6M))
                .isNotEqualTo(before.value(Features.AVG_BILL_6M));
    }
}
