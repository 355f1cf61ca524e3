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

import static dev.arrears.scoring.features.Features.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@SpringBootTest
@Tag("integration")
class FeatureReaderTest {

    static final LocalDate D = LocalDate.of(2026, 6, 30);
    static final String SHANGHAI = "Asia/Shanghai";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    /** The customer and account of {@link #history}. */
    record Built(long customer, long account) {
    }

    /**
     * An account of a Shanghai customer opened 2025-01-15 with a limit of 1000.00: twelve monthly bills due on the
     * 20th (100.00 each to December 2025, then 100, 200, 100, 200, 100, 200), three episodes (one still open on D),
     * payments with reversals and one arriving after midnight Shanghai time, a credit note, promises, disputes and
     * contacts.
     */
    static Built history(Histories h) {
        long customer = h.customer(SHANGHAI);
        long account = h.account(customer, "TELECOM_POSTPAID", LocalDate.of(2025, 1, 15), 100_000L);
        for (int m = 7; m <= 12; m++) {
            h.bill(account, LocalDate.of(2025, m, 1), LocalDate.of(2025, m, 20), 10_000);
        }
        for (int m = 1; m <= 6; m++) {
            h.bill(account, LocalDate.of(2026, m, 1), LocalDate.of(2026, m, 20), m % 2 == 1 ? 10_000 : 20_000);
        }
        h.episode(account, LocalDate.of(2025, 9, 21), LocalDate.of(2025, 10, 5), 15);
        h.episode(account, LocalDate.of(2026, 2, 21), LocalDate.of(2026, 3, 10), 18);
        // open on D (cured after it): its stored maximum describes later days
        h.episode(account, LocalDate.of(2026, 6, 21), LocalDate.of(2026, 7, 25), 35);
        h.payment(account, "2025-12-15T02:00:00Z", 60_000, null);
        h.payment(account, "2026-02-10T02:00:00Z", 30_000, null);
        h.payment(account, "2026-03-10T02:00:00Z", 10_000, null);
        h.payment(account, "2026-05-05T02:00:00Z", 50_000, "2026-05-10T02:00:00Z");  // reversed by D: gone
        h.payment(account, "2026-06-10T02:00:00Z", 20_000, "2026-07-05T02:00:00Z");  // reversed after D: counts
        h.payment(account, "2026-06-30T17:00:00Z", 99_999, null);  // 01:00 on 1 July in Shanghai: after D
        h.adjustment(account, "CREDIT_NOTE", 5_000, LocalDate.of(2026, 6, 1));
        h.promise(account, customer, "BROKEN", LocalDate.of(2026, 4, 20), LocalDate.of(2026, 5, 1));
        h.promise(account, customer, "BROKEN", LocalDate.of(2025, 8, 20), LocalDate.of(2025, 9, 1));
        h.promise(account, customer, "KEPT", LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 10));
        h.dispute(customer, null, "2026-03-01T02:00:00Z", "2026-03-20T02:00:00Z");
        h.dispute(customer, "999999999", "2026-04-01T02:00:00Z", null);  // another debt of the customer
        h.contact(customer, account, "2026-06-05T02:00:00Z");  // answered by the payment of 10 June
        h.contact(customer, account, "2026-04-20T02:00:00Z");  // not answered within 7 days
        h.contact(customer, account, "2026-06-26T02:00:00Z");  // its week has not passed on D
        return new Built(customer, account);
    }

    FeatureRow read(long account, LocalDate asOf) throws Exception {
        List<FeatureRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            FeatureReader.readAccounts(c, new long[]{account}, asOf, rows::add);
        }
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    @Test
    void everyFeatureOfAHandBuiltHistory_followsItsRule() throws Exception {
        Built b = history(new Histories(jdbc));
        FeatureRow f = read(b.account(), D);
        // bills due in 3/6/12 months: 3, 6 and 12; late (the day after found the account delinquent): 1, 2, 3
        assertThat(f.value(ON_TIME_RATIO_3M)).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(f.value(ON_TIME_RATIO_6M)).isCloseTo(4.0 / 6, within(1e-9));
        assertThat(f.value(ON_TIME_RATIO_12M)).isCloseTo(9.0 / 12, within(1e-9));
        assertThat(f.value(TIMES_DELINQUENT_3M)).isEqualTo(1);
        assertThat(f.value(TIMES_DELINQUENT_6M)).isEqualTo(2);
        assertThat(f.value(TIMES_DELINQUENT_12M)).isEqualTo(3);
        // the open episode counts 10 days (21 to 30 June), not its stored 35
        assertThat(f.value(MAX_DPD_3M)).isEqualTo(10);
        assertThat(f.value(MAX_DPD_6M)).isEqualTo(18);
        assertThat(f.value(MAX_DPD_12M)).isEqualTo(18);
        assertThat(f.value(DPD_TREND)).isEqualTo(10 - 18);
        assertThat(f.value(LATE_BILLS_TREND)).isEqualTo(1 - 1);
        assertThat(f.value(DAYS_PAST_DUE)).isEqualTo(10);
        // billed 1500.00, paid 1200.00 (the reversed 500 and the 1 July payment left out), credited 50.00
        assertThat(f.value(BALANCE)).isEqualTo(250.0);
        assertThat(f.value(OVERDUE)).isEqualTo(250.0);
        assertThat(f.value(UTILISATION)).isEqualTo(0.25);
        assertThat(f.value(TENURE_MONTHS)).isEqualTo(17);
        assertThat(f.value(AVG_BILL_6M)).isEqualTo(150.0);
        assertThat(f.value(BILL_VOLATILITY_6M)).isCloseTo(50.0 / 150.0, within(1e-9));
        assertThat(f.value(PAID_TO_BILLED_6M)).isCloseTo(600.0 / 900.0, within(1e-9));
        assertThat(f.value(BROKEN_PROMISES_90D)).isEqualTo(1);
        assertThat(f.value(BROKEN_PROMISES_12M)).isEqualTo(2);
        assertThat(f.value(DISPUTES_12M)).isEqualTo(1);
        assertThat(f.value(CONTACT_RESPONSE_90D)).isEqualTo(0.5);
        assertThat(f.value(DAYS_SINCE_LAST_PAYMENT)).isEqualTo(20);
        assertThat(f.category(PRODUCT_LINE)).isEqualTo("TELECOM_POSTPAID");
        assertThat(f.category(CUSTOMER_TYPE)).isEqualTo("PERSON");
    }

    /**
     * Payments are dated in the customer's zone, also at the ends of the world's offsets (UTC+14 and UTC−11), where
     * the read looks a payment's zone up only near a local midnight: received, reversed and the six-month window.
     */
    @Test
    void paymentsNearALocalMidnight_countByTheCustomersZone_atBothEndsOfTheOffsets() throws Exception {
        Histories h = new Histories(jdbc);
        long east = h.account(h.customer("Pacific/Kiritimati"), "OTHER", LocalDate.of(2025, 6, 1), null);
        h.bill(east, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 20), 100_000);
        // 1 July begins at 10:00 UTC on 30 June in Kiritimati; D − 6 months + 1 day (31 December) at 10:00 on the 30th
        h.payment(east, "2026-06-30T09:59:00Z", 10_000, null);                    // 23:59 on D: counts
        h.payment(east, "2026-06-30T10:00:00Z", 1_000, null);                     // 00:00 on 1 July: after D
        h.payment(east, "2026-06-29T12:00:00Z", 2_000, "2026-06-30T09:00:00Z");  // reversed at 23:00 on D: gone
        h.payment(east, "2026-06-29T12:00:00Z", 4_000, "2026-06-30T10:30:00Z");  // reversed on 1 July: counts
        h.payment(east, "2025-12-30T09:59:00Z", 700, null);                       // 23:59 on 30 December: not in 6 months
        h.payment(east, "2025-12-30T10:00:00Z", 300, null);                       // 00:00 on 31 December: in 6 months
        FeatureRow f = read(east, D);
        assertThat(f.value(BALANCE)).isEqualTo(850.0);
        assertThat(f.value(PAID_TO_BILLED_6M)).isCloseTo(143.0 / 1000.0, within(1e-9));
        assertThat(f.value(DAYS_SINCE_LAST_PAYMENT)).isZero();

        long west = h.account(h.customer("Pacific/Pago_Pago"), "OTHER", LocalDate.of(2025, 6, 1), null);
        h.bill(west, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 20), 100_000);
        // 1 July begins at 11:00 UTC on 1 July in Pago Pago
        h.payment(west, "2026-07-01T10:59:00Z", 10_000, null);                    // 23:59 on D: counts
        h.payment(west, "2026-07-01T11:00:00Z", 5_000, null);                     // 00:00 on 1 July: after D
        FeatureRow w = read(west, D);
        assertThat(w.value(BALANCE)).isEqualTo(900.0);
        assertThat(w.value(DAYS_SINCE_LAST_PAYMENT)).isZero();
        assertThat(read(west, D.minusDays(1)).value(DAYS_SINCE_LAST_PAYMENT)).isNaN();
    }

    /** The scoring run's read (a range bound as parameters, rows in binary) gives what the listed read gives. */
    @Test
    void theRangeRead_givesTheSameFeaturesAsTheListedRead() throws Exception {
        Built b = history(new Histories(jdbc));
        FeatureRow listed = read(b.account(), D);
        List<FeatureRow> ranged = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            FeatureReader.readRange(c, b.account(), b.account(), D, FeatureReader.Scope.ALL, ranged::add);
            // twice on one connection: the second run reuses the prepared statement
            FeatureReader.readRange(c, b.account(), b.account(), D, FeatureReader.Scope.ALL, ranged::add);
        }
        assertThat(ranged).hasSize(2);
        for (FeatureRow r : ranged) {
            assertThat(r.accountId()).isEqualTo(b.account());
            assertThat(r.numeric()).containsExactly(listed.numeric());
            assertThat(r.categories()).containsExactly(listed.categories());
        }
        assertThat(listed.value(DAYS_SINCE_LAST_PAYMENT)).isEqualTo(20);
    }

    @Test
    void aNewAccountWithoutHistory_hasMissingRatiosAndZeroCounts() throws Exception {
        Histories h = new Histories(jdbc);
        long account = h.account(h.customer(SHANGHAI), "WALLET_CREDIT", D.minusDays(10), null);
        FeatureRow f = read(account, D);
        for (String missing : List.of(ON_TIME_RATIO_3M, ON_TIME_RATIO_12M, UTILISATION, AVG_BILL_6M,
                BILL_VOLATILITY_6M, PAID_TO_BILLED_6M, CONTACT_RESPONSE_90D, DAYS_SINCE_LAST_PAYMENT)) {
            assertThat(f.value(missing)).as(missing).isNaN();
        }
        assertThat(f.value(TIMES_DELINQUENT_12M)).isZero();
        assertThat(f.value(MAX_DPD_12M)).isZero();
        assertThat(f.value(BALANCE)).isZero();
        assertThat(f.value(TENURE_MONTHS)).isZero();
        assertThat(f.category(PRODUCT_LINE)).isEqualTo("WALLET_CREDIT");
        assertThat(Features.COLUMNS).hasSize(f.numeric().length);
    }

    @Test
    void anAccountOpenedAfterTheDate_isNotRead() throws Exception {
        Histories h = new Histories(jdbc);
        long account = h.account(h.customer(SHANGHAI), "OTHER", D.plusDays(1), null);
        List<FeatureRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            FeatureReader.readAccounts(c, new long[]{account}, D, rows::add);
        }
        assertThat(rows).isEmpty();
    }
}
