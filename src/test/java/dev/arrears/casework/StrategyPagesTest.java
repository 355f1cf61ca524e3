package dev.arrears.casework;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.shared.Channel;
import dev.arrears.strategy.Strategies;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strategy pages per role over the real façades and database, signed in through the login form: a strategist
 * stores, activates and rolls back; a collector reads, validates and dry-runs but sees no button that changes
 * anything and is refused (403) when posting one; an auditor reads and dry-runs only; an agency user does not get in.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StrategyPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Strategies strategies;

    @Autowired
    Ledger ledger;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String name = "page-test-" + suffix;

    /** A valid document that never applies to any account (the active book is shared with other tests). */
    private String document(String description) {
        return """
                strategy: %s
                description: "%s"
                priority: 9000
                appliesTo: "account.balance < -1000000000.0"
                segments:
                  - name: large
                    when: "account.balance >= 100.0"
                    ladder:
                      - { at: "due+1d", action: MANUAL_REVIEW }
                  - name: standard
                    ladder:
                      - { at: "due+3d", action: MANUAL_REVIEW }
                """.formatted(name, description);
    }

    /** The same with an unknown key on line 7 and a CEL condition that does not compile on line 9. */
    private String broken() {
        return """
                strategy: %s
                description: "broken"
                priority: 9000
                appliesTo: "account.balance < -1000000000.0"
                segments:
                  - name: large
                    colour: red
                    ladder:
                      - { at: "due+1d", action: MANUAL_REVIEW }
                  - name: standard
                    when: "account.balance >> 3"
                    ladder:
                      - { at: "due+3d", action: MANUAL_REVIEW }
                """.formatted(name);
    }

    @Test
    void strategist_savesActivatesAndRollsBack() throws Exception {
        WebSession strategist = WebSession.signedIn(port, jdbc, encoder, "STRATEGIST");

        HttpResponse<String> editor = strategist.get("/strategies/editor");
        assertThat(editor.statusCode()).isEqualTo(200);
        assertThat(editor.body()).contains("id=\"save\"", "Save as new version", "<textarea id=\"yaml\"");

        HttpResponse<String> saved = strategist.postForm("/strategies/editor", "/strategies/editor/save",
                Map.of("yaml", document("first")));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.uri().getPath()).isEqualTo("/strategies/" + name);
        assertThat(saved.body()).contains("Version 1 was stored.", "class=\"y-key\">strategy<",
                "class=\"y-cel\">&quot;account.balance &lt; -1000000000.0&quot;<", "Activate version 1");
        assertThat(strategies.get(name, 1).createdBy()).startsWith("page-test-");

        HttpResponse<String> activated = strategist.postForm("/strategies/" + name,
                "/strategies/" + name + "/versions/1/activate", Map.of());
        assertThat(activated.body()).contains("Version 1 is now active.");
        assertThat(strategies.strategy(name).activeVersion()).isEqualTo(1);

        strategist.postForm("/strategies/editor", "/strategies/editor/save", Map.of("yaml", document("second")));
        strategist.postForm("/strategies/" + name, "/strategies/" + name + "/versions/2/activate", Map.of());
        assertThat(strategies.strategy(name).activeVersion()).isEqualTo(2);

        HttpResponse<String> rolledBack = strategist.postForm("/strategies/" + name, "/strategies/" + name + "/rollback",
                Map.of());
        assertThat(rolledBack.body()).contains("Rolled back: version 1 is active again.");
        assertThat(strategies.strategy(name).activeVersion()).isEqualTo(1);

        HttpResponse<String> list = strategist.get("/strategies");
        assertThat(list.body()).contains("data-strategy=\"" + name + "\"", ">" + name + "<");
        HttpResponse<String> history = strategist.get("/strategies/" + name);
        assertThat(history.body()).contains("data-version=\"2\"", "data-version=\"1\"", "Roll back");
    }

    @Test
    void strategist_invalidDocument_isShownWithItsErrors_andNeverSaved() throws Exception {
        WebSession strategist = WebSession.signedIn(port, jdbc, encoder, "STRATEGIST");

        HttpResponse<String> refused = strategist.postForm("/strategies/editor", "/strategies/editor/save",
                Map.of("yaml", broken()));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Not saved: the document has problems.")
                .contains("id=\"C7\" class=\"code-line error\" data-line=\"7\"")
                .contains("data-line=\"7\" data-column=\"5\"", "unknown key &#39;colour&#39;")
                .contains("data-line=\"11\" data-column=\"29\"", "CEL error at column 18 of the condition")
                .contains("id=\"C11\" class=\"code-line error\" data-line=\"11\"")
                .contains("id=\"C8\" class=\"code-line\" data-line=\"8\"")
                .contains("<p class=\"line-error\" data-line=\"7\">Line 7, column 5: unknown key &#39;colour&#39;");
        assertThat(strategies.list()).noneMatch(s -> s.name().equals(name));
    }

    @Test
    void collector_validatesAndReads_butSeesNoButtons_andIsRefusedWhenPosting() throws Exception {
        strategies.createVersion(document("stored by the test"), "test");
        WebSession collector = WebSession.signedIn(port, jdbc, encoder, "COLLECTOR");

        HttpResponse<String> page = collector.get("/strategies/" + name);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-line=\"1\"", "Dry run", "Champion/challenger")
                .doesNotContain("class=\"activate\"", "small activate", "Roll back", "/activate\"", "/rollback\"");
        HttpResponse<String> editor = collector.get("/strategies/editor?strategy=" + name);
        assertThat(editor.body()).contains("Validate", "strategy: " + name).doesNotContain("id=\"save\"");

        HttpResponse<String> checked = collector.postForm("/strategies/editor", "/strategies/editor/validate",
                Map.of("yaml", broken()));
        assertThat(checked.statusCode()).isEqualTo(200);
        assertThat(checked.body()).contains("class=\"code-line error\"", "data-line=\"7\" data-column=\"5\"");

        assertThat(collector.postForm("/strategies/" + name, "/strategies/" + name + "/versions/1/activate", Map.of())
                .statusCode()).isEqualTo(403);
        assertThat(collector.postForm("/strategies/" + name, "/strategies/" + name + "/rollback", Map.of())
                .statusCode()).isEqualTo(403);
        HttpResponse<String> save = collector.postForm("/strategies/editor", "/strategies/editor/save",
                Map.of("yaml", document("a collector's")));
        assertThat(save.statusCode()).isEqualTo(403);
        assertThat(save.body()).contains("Not allowed");
        assertThat(strategies.strategy(name).activeVersion()).isNull();
        assertThat(strategies.strategy(name).latestVersion()).isEqualTo(1);
    }

    @Test
    void auditor_readsEveryPage_andChangesNothing() throws Exception {
        strategies.createVersion(document("stored by the test"), "test");
        WebSession auditor = WebSession.signedIn(port, jdbc, encoder, "AUDITOR");

        HttpResponse<String> list = auditor.get("/strategies");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("data-nav=\"nav.strategies\"", name);
        assertThat(auditor.get("/strategies", "zh-TW").body()).contains("<h1>策略</h1>", "生效版本");
        assertThat(auditor.get("/strategies/" + name, "zh-CN").body()).contains("版本历史", "试运行");
        HttpResponse<String> page = auditor.get("/strategies/" + name);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("class=\"activate\"", "small activate", "Roll back", "/rollback\"");
        assertThat(auditor.get("/strategies/editor?strategy=" + name).body()).doesNotContain("id=\"save\"");
        assertThat(auditor.get("/strategies/" + name + "/variants").statusCode()).isEqualTo(200);

        assertThat(auditor.postForm("/strategies/" + name, "/strategies/" + name + "/versions/1/activate", Map.of())
                .statusCode()).isEqualTo(403);
        assertThat(auditor.postForm("/strategies/editor", "/strategies/editor/save",
                Map.of("yaml", document("an auditor's"))).statusCode()).isEqualTo(403);
        assertThat(strategies.strategy(name).activeVersion()).isNull();
        assertThat(strategies.strategy(name).latestVersion()).isEqualTo(1);
    }

    @Test
    void auditor_dryRunsAndValidates_likeOnTheApi() throws Exception {
        strategies.createVersion(document("for an auditor's dry run"), "test");
        AccountSummary account = overdueAccount();
        WebSession auditor = WebSession.signedIn(port, jdbc, encoder, "AUDITOR");

        HttpResponse<String> dryRun = auditor.get("/strategies/" + name + "/dry-run?account=" + account.id()
                + "&asOf=2026-11-23&version=1");
        HttpResponse<String> checked = auditor.postForm("/strategies/editor", "/strategies/editor/validate",
                Map.of("yaml", broken()));

        assertThat(dryRun.statusCode()).isEqualTo(200);
        assertThat(dryRun.body()).contains("data-field=\"segment\">large<", name + "/appliesTo");
        assertThat(checked.statusCode()).isEqualTo(200);
        assertThat(checked.body()).contains("class=\"code-line error\"", "data-line=\"7\" data-column=\"5\"");
        assertThat(strategies.strategy(name).latestVersion()).isEqualTo(1);
    }

    @Test
    void agency_isRefusedTheStrategyPages() throws Exception {
        WebSession agency = WebSession.signedIn(port, jdbc, encoder, "AGENCY");

        HttpResponse<String> page = agency.get("/strategies");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Not allowed").doesNotContain("data-nav=\"nav.strategies\"");
    }

    @Test
    void unknownStrategy_isAFriendly404() throws Exception {
        WebSession strategist = WebSession.signedIn(port, jdbc, encoder, "STRATEGIST");

        HttpResponse<String> page = strategist.get("/strategies/no-such-" + suffix);

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("There is no such strategy or version.");
    }

    @Test
    void dryRun_byExternalReference_showsTheDecisionAndItsTrace() throws Exception {
        strategies.createVersion(document("for a dry run"), "test");
        AccountSummary account = overdueAccount();
        WebSession supervisor = WebSession.signedIn(port, jdbc, encoder, "SUPERVISOR");

        HttpResponse<String> page = supervisor.get("/strategies/" + name + "/dry-run?account=" + account.externalRef()
                + "&asOf=2026-11-23&version=1");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("href=\"/accounts/" + account.id() + "\"")
                .contains("data-field=\"segment\">large<")
                .contains("data-field=\"applies\">no<", "data-field=\"variant\">champion<")
                .contains("data-result=\"false\"", name + "/appliesTo", "account.balance &lt; -1000000000.0")
                .contains("data-result=\"true\"", name + "/segments/0/when", "account.balance &gt;= 100.0")
                .contains("<code>account.balance</code></th>", ">120.5<")
                .containsPattern("data-field=\"outcome\">[A-Z_]+<");
        assertThat(supervisor.get("/strategies/" + name + "/dry-run?account=nope-" + suffix).body())
                .contains("There is no account nope-" + suffix);
    }

    @Test
    void variants_showCasesCuresAndAmountsCollectedPerVariant() throws Exception {
        strategies.createVersion(document("for variants"), "test");
        AccountSummary account = overdueAccount();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                        insert into collection_case (account_id, customer_id, status, opened_on, closed_on, close_reason,
                                                     strategy, segment, variant, outcome, updated_at)
                        values (?, ?, 'CLOSED', date '2026-10-11', date '2026-11-20', 'CURED', ?, 'large', 'champion',
                                'STOPPED', ?),
                               (?, ?, 'CLOSED', date '2026-11-21', date '2026-11-22', 'SETTLED', ?, 'large', 'push-first',
                                'STOPPED', ?)""")
                .params(account.id(), account.customerId(), name, now, account.id(), account.customerId(), name, now)
                .update();
        payment(account, 12_050, "2026-11-20T02:00:00Z");
        payment(account, 500, "2026-11-21T03:00:00Z");
        WebSession manager = WebSession.signedIn(port, jdbc, encoder, "MANAGER");

        HttpResponse<String> page = manager.get("/strategies/" + name + "/variants");

        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body().replaceAll("\\s+", " ");
        assertThat(body).containsPattern("data-variant=\"champion\">.*?>1<.*?>1<.*?>0<.*?>1<.*?100\\.0 %.*?120\\.50 CNY")
                .containsPattern("data-variant=\"push-first\">.*?>1<.*?>1<.*?>0<.*?>0<.*?0\\.0 %.*?5\\.00 CNY")
                .contains("/dashboard?strategy=" + name + "&amp;variant=champion");
    }

    private void payment(AccountSummary account, long minor, String at) {
        jdbc.sql("""
                        insert into payment (external_ref, account_id, amount_minor, currency, received_at, method,
                                             created_at)
                        values (?, ?, ?, 'CNY', ?, 'BANK_TRANSFER', ?)""")
                .params("SPT-PAY-" + UUID.randomUUID(), account.id(), minor, Timestamp.from(Instant.parse(at)),
                        Timestamp.from(Instant.now()))
                .update();
    }

    /** Creates a customer with one account and one unpaid bill of 120.50 CNY due 2026-10-10. */
    private AccountSummary overdueAccount() {
        String prefix = "SPT-" + suffix + "-";
        Currency cny = Currency.getInstance("CNY");
        ledger.registerCustomers(List.of(new RegisterCustomer(prefix + "CUST", "Li Hua", CustomerType.PERSON,
                "zh-CN", ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.PHONE, "+8613912340000",
                Set.of(Channel.SMS), Set.of())))));
        AccountSummary account = ledger.openAccounts(List.of(new OpenAccount(prefix + "ACC", prefix + "CUST",
                ProductLine.TELECOM_POSTPAID, cny, AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null)))
                .getFirst().view();
        ledger.issueBills(List.of(new IssueBill(prefix + "BILL", prefix + "ACC", LocalDate.of(2026, 9, 25),
                LocalDate.of(2026, 10, 10), cny, 12_050, List.of(
                new BillLine("Monthly plan", LineCategory.SERVICE, 12_050)))));
        return account;
    }
}
