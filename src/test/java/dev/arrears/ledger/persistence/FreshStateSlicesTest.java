package dev.arrears.ledger.persistence;

import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.importing.ImportKind;
import dev.arrears.ledger.importing.ImportResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bills import into more fresh accounts than one slice of {@link StateKeeper#writeFresh} (25,000): the state
 * rows and episodes of every account, in the first slice, the last and across the boundary, are what the bills
 * say. Today is 2026-11-23 (fixed clock); account {@code i} has a bill of {@code (i mod 97 + 1)} yuan due on
 * 2026-10-01 (53 days past due) and one of 5 yuan due on 2026-12-15 (not yet due).
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class FreshStateSlicesTest {

    private static final int ACCOUNTS = StateKeeper.FRESH_SLICE + 1_234;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    private final String p = "FS" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void everySliceOfABigImport_getsItsStateAndEpisodes() {
        imported(ImportKind.CUSTOMERS, "externalRef,name,type,locale,timeZone\n"
                + p + "C,Slice Test,PERSON,en,Asia/Shanghai\n");
        StringBuilder accounts = new StringBuilder("externalRef,customerRef,productLine,currency,openedOn\n");
        StringBuilder bills = new StringBuilder(
                "externalRef,accountRef,issueDate,dueDate,currency,total,lineDescription,lineCategory,lineAmount\n");
        for (int i = 0; i < ACCOUNTS; i++) {
            String account = p + "A" + i;
            accounts.append(account).append(',').append(p).append("C,TELECOM_POSTPAID,CNY,2026-01-01\n");
            String overdue = (i % 97 + 1) + ".00";
            bills.append(p).append("B").append(i).append("-1,").append(account).append(",2026-09-15,2026-10-01,CNY,")
                    .append(overdue).append(",Monthly plan,SERVICE,").append(overdue).append('\n');
            bills.append(p).append("B").append(i).append("-2,").append(account)
                    .append(",2026-11-20,2026-12-15,CNY,5.00,Monthly plan,SERVICE,5.00\n");
        }
        imported(ImportKind.ACCOUNTS, accounts.toString());
        ImportResult result = imported(ImportKind.BILLS, bills.toString());
        assertThat(result.created()).isEqualTo(2 * ACCOUNTS);

        // Every account's row, checked against the figures its own index gives.
        long wrong = jdbc.sql("""
                        select count(*) from account a join account_state s on s.account_id = a.id
                        where a.external_ref like ? and not (
                            s.events = 2 and s.as_of = date '2026-11-23'
                            and s.overdue_minor = (substring(a.external_ref from ?)::int % 97 + 1) * 100
                            and s.balance_minor = s.overdue_minor + 500 and s.credit_minor = 0
                            and s.oldest_overdue_due = date '2026-10-01' and s.oldest_open_due = date '2026-10-01'
                            and s.days_past_due = 53 and s.bucket = '31-60' and s.episodes = 1
                            and s.delinquent_since = date '2026-10-02')""")
                .params(p + "A%", p.length() + 2).query(Long.class).single();
        long rows = jdbc.sql("""
                        select count(*) from account a join account_state s on s.account_id = a.id
                        where a.external_ref like ?""").param(p + "A%").query(Long.class).single();
        long episodes = jdbc.sql("""
                        select count(*) from account a join delinquency_episode e on e.account_id = a.id
                        where a.external_ref like ? and e.started_on = date '2026-10-02' and e.ended_on is null""")
                .param(p + "A%").query(Long.class).single();
        assertThat(rows).isEqualTo(ACCOUNTS);
        assertThat(wrong).isZero();
        assertThat(episodes).isEqualTo(ACCOUNTS);
    }

    private ImportResult imported(ImportKind kind, String csv) {
        ImportResult result = ledger.importCsv(kind,
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), false);
        assertThat(result.errors()).isEmpty();
        return result;
    }
}
