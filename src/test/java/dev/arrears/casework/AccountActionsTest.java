package dev.arrears.casework;

import dev.arrears.arrangement.Plans;
import dev.arrears.arrangement.Promises;
import dev.arrears.compliance.DebtorFacts;
import dev.arrears.contact.CallTasks;
import dev.arrears.contact.Dispatch;
import dev.arrears.compliance.domain.Debtor.Flag;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account page's actions over the real façades and database, posted as the page's forms with their CSRF
 * token: each succeeds with a redirect and a notice, shows a refused input on the form (422), and refuses the
 * roles that do not work accounts (403).
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountActionsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    Ledger ledger;
    @Autowired
    Promises promises;
    @Autowired
    Plans plans;
    @Autowired
    DebtorFacts debtorFacts;
    @Autowired
    CallTasks callTasks;
    @Autowired
    Dispatch dispatch;

    private final String prefix = "AAT-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void collectorRecordsAPromise_backToTheAccountWithANoticeAndTheTimeline() throws Exception {
        AccountSummary account = overdueAccount("p1");
        WebSession collector = WebSession.signedIn(port, jdbc, encoder, "COLLECTOR");
        String path = "/accounts/" + account.id();

        HttpResponse<String> posted = collector.post(path + "/promise", path, Map.of("amount", "120.50",
                "promisedOn", "2026-11-30", "channel", "CALL", "note", "pays on payday"));

        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElseThrow()).endsWith(path);
        assertThat(promises.promises(account.id())).singleElement().satisfies(p -> {
            assertThat(p.amountMinor()).isEqualTo(12_050);
            assertThat(p.promisedOn()).isEqualTo(LocalDate.of(2026, 11, 30));
            assertThat(p.state()).isEqualTo("ACTIVE");
            assertThat(p.takenBy()).isEqualTo(collector.username());
        });
        HttpResponse<String> page = collector.get(path);
        assertThat(page.body()).contains("Promise recorded: 120.50 CNY by 2026-11-30")
                .contains("id=\"timeline\"", "Promise to pay", "promised by 2026-11-30");
    }

    @Test
    void promiseWithABadAmountAndNoDate_showsTheProblemsOnTheForm() throws Exception {
        AccountSummary account = overdueAccount("p2");
        WebSession collector = WebSession.signedIn(port, jdbc, encoder, "COLLECTOR");
        String path = "/accounts/" + account.id();

        HttpResponse<String> posted = collector.post(path + "/promise", path, Map.of("amount", "12x",
                "promisedOn", "", "channel", "CALL"));

        assertThat(posted.statusCode()).isEqualTo(422);
        assertThat(posted.body()).contains("id=\"promise-amount-error\"", "An amount in CNY, such as 120.50.")
                .contains("id=\"promise-date-error\"", "Required.")
                .contains("value=\"12x\"");
        assertThat(promises.promises(account.id())).isEmpty();
    }

    @Test
    void promiseBeyondThePolicy_showsTheRulesProblemOnTheDateField() throws Exception {
        AccountSummary account = overdueAccount("p3");
        WebSession collector = WebSession.signedIn(port, jdbc, encoder, "AGENCY");
        String path = "/accounts/" + account.id();

        HttpResponse<String> posted = collector.post(path + "/promise", path, Map.of("amount", "10.00",
                "promisedOn", "2027-06-01", "channel", "CALL"));

        assertThat(posted.statusCode()).isEqualTo(422);
        assertThat(posted.body()).contains("id=\"promise-date-error\"");
        assertThat(promises.promises(account.id())).isEmpty();
    }

    @Test
    void supervisorOffersAPlanFromTheOptions_orIsToldToChooseOne() throws Exception {
        AccountSummary account = overdueAccount("l1");
        WebSession supervisor = WebSession.signedIn(port, jdbc, encoder, "SUPERVISOR");
        String path = "/accounts/" + account.id();
        int instalments = plans.options(account.id()).options().getLast().instalments();

        HttpResponse<String> refused = supervisor.post(path + "/plan", path, Map.of("instalments", "99"));
        HttpResponse<String> made = supervisor.post(path + "/plan", path,
                Map.of("instalments", Integer.toString(instalments)));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"plan-error\"", "Choose one of the options.");
        assertThat(made.statusCode()).isEqualTo(302);
        assertThat(plans.plans(account.id())).singleElement().satisfies(p -> {
            assertThat(p.instalmentCount()).isEqualTo(instalments);
            assertThat(p.state()).isEqualTo("ACTIVE");
        });
        assertThat(supervisor.get(path).body()).contains("Plan made: " + instalments + " instalments");
    }

    @Test
    void collectorMakesAPlanOverPartOfTheBalance_afterSeeingTheOptionsForThatAmount() throws Exception {
        AccountSummary account = overdueAccount("l2", Set.of(Channel.SMS), 300_000);
        WebSession collector = WebSession.signedIn(port, jdbc, encoder, "COLLECTOR");
        String path = "/accounts/" + account.id();
        assertThat(collector.get(path).body()).contains("<label for=\"plan-amount\">Amount to cover (CNY), optional",
                "name=\"shown\" value=\"3000.00\"");

        // the amount changed, but the options on the page were the whole balance's: shown again over it
        HttpResponse<String> changed = collector.post(path + "/plan", path, Map.of("coveredAmount", "2000",
                "shown", "3000.00", "instalments", "3"));
        HttpResponse<String> preview = collector.post(path + "/plan", path, Map.of("coveredAmount", "2000.00",
                "preview", "true"));

        assertThat(List.of(changed, preview)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("Covers 2000.00 CNY of the 3000.00 CNY owed",
                    "the smallest down payment is 200.00 CNY", "Instalments: 3 (the last, 600.00 CNY, on 2027-02-23)",
                    "name=\"shown\" value=\"2000.00\"").doesNotContain("id=\"plan-amount-error\"");
        });
        assertThat(changed.body()).contains("value=\"2000\"");
        assertThat(plans.plans(account.id())).isEmpty();

        HttpResponse<String> made = collector.post(path + "/plan", path, Map.of("coveredAmount", "2000.00",
                "shown", "2000.00", "instalments", "3"));

        assertThat(made.statusCode()).isEqualTo(302);
        assertThat(plans.plans(account.id())).singleElement().satisfies(p -> {
            assertThat(p.coveredMinor()).isEqualTo(200_000);
            assertThat(p.balanceMinor()).isEqualTo(300_000);
            assertThat(p.downMinor()).isEqualTo(20_000);
            assertThat(p.instalmentCount()).isEqualTo(3);
            assertThat(p.instalments()).filteredOn(i -> i.number() > 0)
                    .extracting(i -> i.amountMinor()).containsExactly(60_000L, 60_000L, 60_000L);
            assertThat(p.madeBy()).isEqualTo(collector.username());
        });
        assertThat(collector.get(path).body()).contains("Plan made: 3 instalments covering 2000.00 CNY");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "12x     | An amount in CNY, such as 120.50.",
            "0       | More than zero and at most the balance, 3000.00 CNY.",
            "3000.01 | More than zero and at most the balance, 3000.00 CNY.",
            "0.01    | No plan the rules allow covers so little: enter more.",
    })
    void aBadAmountToCover_isShownBesideTheFieldAndMakesNoPlan(String amount, String problem) throws Exception {
        AccountSummary account = overdueAccount("l3", Set.of(Channel.SMS), 300_000);
        WebSession supervisor = WebSession.signedIn(port, jdbc, encoder, "SUPERVISOR");
        String path = "/accounts/" + account.id();

        HttpResponse<String> refused = supervisor.post(path + "/plan", path, Map.of("coveredAmount", amount,
                "instalments", "3"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("<p class=\"field-error\" id=\"plan-amount-error\">" + problem + "</p>",
                "value=\"" + amount + "\"", "aria-describedby=\"plan-amount-hint plan-amount-error\"")
                // the options stay those of the whole balance
                .contains("Covers 3000.00 CNY; the smallest down payment is 300.00 CNY.");
        assertThat(plans.plans(account.id())).isEmpty();
    }

    @Test
    void aBadAmountToCover_isExplainedInTraditionalChinese() throws Exception {
        AccountSummary account = overdueAccount("l4", Set.of(Channel.SMS), 300_000);
        WebSession collector = WebSession.signedIn(port, jdbc, encoder, "COLLECTOR");
        String path = "/accounts/" + account.id();
        assertThat(collector.get(path + "?lang=zh-TW").body()).contains("涵蓋金額（CNY），選填");

        HttpResponse<String> refused = collector.post(path + "/plan", path, Map.of("coveredAmount", "5000",
                "instalments", "3"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"plan-amount-error\">須大於零且不超過餘額 3000.00 CNY。</p>");
        assertThat(plans.plans(account.id())).isEmpty();
    }

    @Test
    void collectorMakesAWeeklyPlanWithMoreDown_afterSeeingItsOptions() throws Exception {
        AccountSummary account = overdueAccount("l5", Set.of(Channel.SMS), 300_000);
        WebSession collector = WebSession.signedIn(port, jdbc, encoder, "COLLECTOR");
        String path = "/accounts/" + account.id();
        assertThat(collector.get(path).body()).contains("<label for=\"plan-down\">Down payment today (CNY)</label>",
                "At least 300.00 CNY, the smallest the rules allow; empty: that smallest.",
                "<option value=\"WEEKLY\">weekly</option>", "<option value=\"BIWEEKLY\">every two weeks</option>",
                "<option value=\"MONTHLY\" selected=\"selected\">monthly</option>",
                "These options: 300.00 CNY down today, then instalments monthly, the first on 2026-12-23.",
                "name=\"shownDown\" value=\"300.00\"", "name=\"shownFrequency\" value=\"MONTHLY\"");

        HttpResponse<String> preview = collector.post(path + "/plan", path, Map.of("downPayment", "600.00",
                "frequency", "WEEKLY", "preview", "true"));
        // the frequency changed after the options were shown: shown again for it, nothing made
        HttpResponse<String> changed = collector.post(path + "/plan", path, Map.of("downPayment", "600.00",
                "frequency", "BIWEEKLY", "shown", "3000.00", "shownDown", "600.00", "shownFrequency", "WEEKLY",
                "instalments", "3"));

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains(
                "These options: 600.00 CNY down today, then instalments weekly, the first on 2026-11-30.",
                "Instalments: 3 (the last, 800.00 CNY, on 2026-12-14)", "name=\"shownDown\" value=\"600.00\"",
                "name=\"shownFrequency\" value=\"WEEKLY\"", "<option value=\"WEEKLY\" selected=\"selected\">",
                "value=\"600.00\"").doesNotContain("id=\"plan-down-error\"");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("then instalments every two weeks, the first on 2026-12-07.",
                "Instalments: 3 (the last, 800.00 CNY, on 2027-01-04)");
        assertThat(plans.plans(account.id())).isEmpty();

        HttpResponse<String> made = collector.post(path + "/plan", path, Map.of("downPayment", "600.00",
                "frequency", "WEEKLY", "shown", "3000.00", "shownDown", "600.00", "shownFrequency", "WEEKLY",
                "instalments", "3"));

        assertThat(made.statusCode()).isEqualTo(302);
        assertThat(plans.plans(account.id())).singleElement().satisfies(p -> {
            assertThat(p.downMinor()).isEqualTo(60_000);
            assertThat(p.frequency()).isEqualTo("WEEKLY");
            assertThat(p.instalments()).extracting(i -> i.number() + " " + i.dueOn() + " " + i.amountMinor())
                    .containsExactly("0 2026-11-23 60000", "1 2026-11-30 80000", "2 2026-12-07 80000",
                            "3 2026-12-14 80000");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''      | 12x     | An amount in CNY, such as 120.50.",
            "''      | 299.99  | At least 300.00 CNY: the smallest down payment the rules allow for this amount.",
            "''      | 3000.00 | Less than the amount the plan covers, 3000.00 CNY; else no plan is needed.",
            "2000.00 | 199.99  | At least 200.00 CNY: the smallest down payment the rules allow for this amount.",
    })
    void aBadDownPayment_isShownBesideTheFieldAndMakesNoPlan(String covered, String down, String problem)
            throws Exception {
        AccountSummary account = overdueAccount("l6", Set.of(Channel.SMS), 300_000);
        WebSession supervisor = WebSession.signedIn(port, jdbc, encoder, "SUPERVISOR");
        String path = "/accounts/" + account.id();

        HttpResponse<String> refused = supervisor.post(path + "/plan", path, Map.of("coveredAmount", covered,
                "downPayment", down, "frequency", "WEEKLY", "instalments", "3"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("<p class=\"field-error\" id=\"plan-down-error\">" + problem + "</p>",
                "value=\"" + down + "\"", "aria-describedby=\"plan-down-hint plan-down-error\"")
                // the options shown are over the amount asked for, with the smallest down payment, weekly
                .contains("<option value=\"WEEKLY\" selected=\"selected\">")
                .contains(covered.isEmpty() ? "These options: 300.00 CNY down today, then instalments weekly"
                        : "These options: 200.00 CNY down today, then instalments weekly");
        assertThat(plans.plans(account.id())).isEmpty();
    }

    @Test
    void aBadDownPaymentOrFrequency_isExplainedInChinese() throws Exception {
        AccountSummary account = overdueAccount("l7", Set.of(Channel.SMS), 300_000);
        WebSession collector = WebSession.signedIn(port, jdbc, encoder, "COLLECTOR");
        String path = "/accounts/" + account.id();

        assertThat(collector.get(path + "?lang=zh-CN").body()).contains("今日首付（CNY）", "还款周期");
        HttpResponse<String> simplified = collector.post(path + "/plan", path, Map.of("downPayment", "100",
                "instalments", "3"));
        assertThat(collector.get(path + "?lang=zh-TW").body()).contains("今日頭期款（CNY）", "繳款週期");
        HttpResponse<String> traditional = collector.post(path + "/plan", path, Map.of("downPayment", "100",
                "instalments", "3"));
        HttpResponse<String> daily = collector.post(path + "/plan", path, Map.of("frequency", "DAILY",
                "instalments", "3"));

        assertThat(simplified.statusCode()).isEqualTo(422);
        assertThat(simplified.body()).contains("id=\"plan-down-error\">至少 300.00 CNY：规则对此金额允许的最低首付。</p>");
        assertThat(traditional.statusCode()).isEqualTo(422);
        assertThat(traditional.body()).contains("id=\"plan-down-error\">至少 300.00 CNY：規則對此金額允許的最低頭期款。</p>");
        assertThat(daily.statusCode()).isEqualTo(422);
        assertThat(daily.body()).contains("<p class=\"field-error\" id=\"plan-frequency-error\">",
                "aria-describedby=\"plan-frequency-error\"");
        assertThat(plans.plans(account.id())).isEmpty();
    }

    @Test
    void disputeOpensWithItsReason_andARequiredReasonIsAskedFor() throws Exception {
        AccountSummary account = overdueAccount("d1");
        WebSession manager = WebSession.signedIn(port, jdbc, encoder, "MANAGER");
        String path = "/accounts/" + account.id();

        HttpResponse<String> blank = manager.post(path + "/dispute", path, Map.of("reason", " "));
        HttpResponse<String> opened = manager.post(path + "/dispute", path,
                Map.of("reason", "Roaming charges never used"));

        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(blank.body()).contains("id=\"dispute-reason-error\"", "Required.");
        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(debtorFacts.currentFlags(account.customerId())).singleElement().satisfies(f -> {
            assertThat(f.flag()).isEqualTo(Flag.DISPUTE_OPEN);
            assertThat(f.debtId()).isEqualTo(Long.toString(account.id()));
            assertThat(f.reason()).isEqualTo("Roaming charges never used");
        });
        assertThat(manager.get(path).body()).contains("Dispute opened");
    }

    @Test
    void flagIsSetAndCleared_andClearingOneThatDoesNotStandIsShownOnTheForm() throws Exception {
        AccountSummary account = overdueAccount("f1");
        WebSession collector = WebSession.signedIn(port, jdbc, encoder, "COLLECTOR");
        String path = "/accounts/" + account.id();

        HttpResponse<String> set = collector.post(path + "/flags", path, Map.of("flag", "HARDSHIP", "scope", "all",
                "operation", "set", "reason", "lost job"));
        boolean standing = debtorFacts.currentFlags(account.customerId()).stream()
                .anyMatch(f -> f.flag() == Flag.HARDSHIP && f.debtId() == null);
        HttpResponse<String> cleared = collector.post(path + "/flags", path, Map.of("flag", "HARDSHIP",
                "scope", "all", "operation", "clear", "reason", "back at work"));
        HttpResponse<String> again = collector.post(path + "/flags", path, Map.of("flag", "HARDSHIP",
                "scope", "all", "operation", "clear"));
        HttpResponse<String> unknown = collector.post(path + "/flags", path, Map.of("flag", "VULCAN",
                "scope", "all", "operation", "set"));

        assertThat(set.statusCode()).isEqualTo(302);
        assertThat(standing).isTrue();
        assertThat(cleared.statusCode()).isEqualTo(302);
        assertThat(debtorFacts.currentFlags(account.customerId())).isEmpty();
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("This flag is not set for all debts of the customer.");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("id=\"flag-flag-error\"");
    }

    @Test
    void callOutcomeForATaskNotOnTheAccount_isShownOnTheCallsForm() throws Exception {
        AccountSummary account = overdueAccount("c1");
        WebSession collector = WebSession.signedIn(port, jdbc, encoder, "COLLECTOR");
        String path = "/accounts/" + account.id();

        HttpResponse<String> posted = collector.post(path + "/calls/999999999/outcome", path,
                Map.of("outcome", "NO_ANSWER"));

        assertThat(posted.statusCode()).isEqualTo(422);
        assertThat(posted.body()).contains("No call task 999999999 on this account.");
    }

    @Test
    void collectorDialsAWaitingCallTask_andRecordsHowTheCallEnded() throws Exception {
        AccountSummary account = overdueAccount("c2", Set.of(Channel.SMS, Channel.CALL));
        long taskId = callTask(account.id());
        WebSession collector = WebSession.signedIn(port, jdbc, encoder, "COLLECTOR");
        String path = "/accounts/" + account.id();
        assertThat(collector.get(path).body()).contains("Call task " + taskId, "/calls/" + taskId + "/dial");

        HttpResponse<String> dialled = collector.post(path + "/calls/" + taskId + "/dial", path, Map.of());
        HttpResponse<String> afterDial = collector.get(path);
        HttpResponse<String> incomplete = collector.post(path + "/calls/" + taskId + "/outcome", path,
                Map.of("outcome", "CONVERSATION"));
        HttpResponse<String> recorded = collector.post(path + "/calls/" + taskId + "/outcome", path,
                Map.of("outcome", "NO_ANSWER", "note", "rang out"));

        assertThat(dialled.statusCode()).isEqualTo(302);
        assertThat(afterDial.body()).contains("Allowed: call +8613912340000 now", "/calls/" + taskId + "/outcome");
        assertThat(incomplete.statusCode()).isEqualTo(422);
        assertThat(incomplete.body()).contains("id=\"result-error\"", "Choose how the conversation ended.");
        assertThat(recorded.statusCode()).isEqualTo(302);
        assertThat(callTasks.task(taskId).orElseThrow()).satisfies(t -> {
            assertThat(t.state()).isEqualTo("OPEN");
            assertThat(t.lastOutcome()).isEqualTo("NO_ANSWER");
        });
        assertThat(collector.get(path).body()).contains("Call outcome recorded: No answer.", "Call outcome",
                "rang out");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUDITOR", "STRATEGIST"})
    void rolesThatDoNotWorkAccounts_seeNoFormsAndAreRefused(String role) throws Exception {
        AccountSummary account = overdueAccount("r-" + role);
        WebSession reader = WebSession.signedIn(port, jdbc, encoder, role);
        String path = "/accounts/" + account.id();

        HttpResponse<String> page = reader.get(path);
        HttpResponse<String> promise = reader.post(path + "/promise", path, Map.of("amount", "10.00",
                "promisedOn", "2026-11-30", "channel", "CALL"));
        HttpResponse<String> dispute = reader.post(path + "/dispute", path, Map.of("reason", "no"));
        HttpResponse<String> flag = reader.post(path + "/flags", path, Map.of("flag", "HARDSHIP", "scope", "all",
                "operation", "set"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"timeline\"").doesNotContain("id=\"act\"", "/promise\"");
        assertThat(promise.statusCode()).isEqualTo(403);
        assertThat(dispute.statusCode()).isEqualTo(403);
        assertThat(flag.statusCode()).isEqualTo(403);
        assertThat(promises.promises(account.id())).isEmpty();
        assertThat(debtorFacts.currentFlags(account.customerId())).isEmpty();
    }

    @Test
    void accountPageOffersTheFormsWithLabelledFieldsInChinese() throws Exception {
        AccountSummary account = overdueAccount("zh");
        WebSession collector = WebSession.signedIn(port, jdbc, encoder, "COLLECTOR");

        HttpResponse<String> page = collector.get("/accounts/" + account.id(), "zh-CN");

        assertThat(page.body()).contains("处理此账户", "记录还款承诺", "<label for=\"promise-amount\">金额（CNY）</label>",
                "时间线");
    }

    @Test
    void inChinese_theTimelineDetailsAndTheProblemsBesideTheFieldsAreChinese() throws Exception {
        AccountSummary account = overdueAccount("zh-t", Set.of(Channel.SMS, Channel.CALL));
        long taskId = callTask(account.id());
        WebSession collector = WebSession.signedIn(port, jdbc, encoder, "COLLECTOR");
        String path = "/accounts/" + account.id();
        collector.post(path + "/calls/" + taskId + "/dial", path, Map.of());
        collector.post(path + "/promise", path, Map.of("amount", "120.50", "promisedOn", "2026-11-30",
                "channel", "CALL", "note", "发薪日还"));

        // the language switch keeps zh-CN in a cookie: the posts below (Accept-Language en) are answered in Chinese
        HttpResponse<String> page = collector.get(path + "?lang=zh-CN");
        HttpResponse<String> noResult = collector.post(path + "/calls/" + taskId + "/outcome", path,
                Map.of("outcome", "CONVERSATION"));
        HttpResponse<String> tooFar = collector.post(path + "/promise", path, Map.of("amount", "10.00",
                "promisedOn", "2027-06-01", "channel", "CALL", "replace", "on"));
        HttpResponse<String> recorded = collector.post(path + "/calls/" + taskId + "/outcome", path,
                Map.of("outcome", "CONVERSATION", "result", "REFUSED", "note", "不接受"));
        HttpResponse<String> after = collector.get(path, "en");

        assertThat(page.body()).contains("承诺于 2026-11-30 前还款 · " + collector.username() + " · 发薪日还",
                "发往 +8613912340000", "已记录还款承诺：催收阶梯等待")
                .doesNotContain("promised by", "outbound to", "promise active = true");
        assertThat(noResult.statusCode()).isEqualTo(422);
        assertThat(noResult.body()).contains("<p class=\"field-error\" id=\"result-error\"")
                .contains("请选择交谈结果。").doesNotContain("required with CONVERSATION");
        assertThat(tooFar.statusCode()).isEqualTo(422);
        assertThat(tooFar.body())
                .containsPattern("id=\"promise-date-error\"[^>]*>超过 \\d+ 天之后（最晚 \\d{4}-\\d\\d-\\d\\d）。<")
                .doesNotContain("days ahead");
        assertThat(recorded.statusCode()).isEqualTo(302);
        assertThat(after.body()).as("the cookie keeps Chinese until switched back")
                .contains("结果：拒绝：不接受");
        assertThat(collector.get(path + "?lang=en").body()).contains("result: Refused: 不接受",
                "promised by 2026-11-30 · " + collector.username() + " · 发薪日还", "outbound to +8613912340000");
    }

    /** Plans a call on the account's open case (opening one if need be) and lets dispatch queue it as a task. */
    private long callTask(long accountId) {
        long customer = ledger.currentStates(List.of(accountId)).get(accountId).customerId();
        long caseId = jdbc.sql("select id from collection_case where account_id = ? and status = 'OPEN'")
                .param(accountId).query(Long.class).optional().orElseGet(() -> jdbc.sql("""
                        insert into collection_case (account_id, customer_id, status, opened_on, anchor_due, step,
                            outcome, updated_at)
                        values (?, ?, 'OPEN', ?, ?, 0, 'ACTIVE', now()) returning id""")
                        .params(accountId, customer, LocalDate.of(2026, 10, 11), LocalDate.of(2026, 10, 10))
                        .query(Long.class).single());
        int step = jdbc.sql("select coalesce(max(step), 0) + 1 from planned_action where case_id = ?").param(caseId)
                .query(Integer.class).single();
        long action = jdbc.sql("""
                        insert into planned_action (case_id, account_id, planned_on, scheduled_on, step, action,
                            channel, template, queue, strategy_version_id, segment, variant, facts, state,
                            created_at, updated_at)
                        values (?, ?, ?, ?, ?, 'CALL_TASK', 'CALL', 'call_script', ?, 0, 'test', 'A', '', 'PLANNED',
                            now(), now()) returning id""")
                .params(caseId, accountId, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23), step,
                        prefix + "queue")
                .query(Long.class).single();
        dispatch.engine().runOnce(List.of(accountId), "page-test");
        return jdbc.sql("select id from call_task where planned_action_id = ?").param(action).query(Long.class)
                .single();
    }

    /** A customer with one account owing 120.50 CNY since 2026-10-10: 44 days past due on 2026-11-23. */
    private AccountSummary overdueAccount(String name) {
        return overdueAccount(name, Set.of(Channel.SMS));
    }

    /** The same, with a phone the customer consented to be contacted on through the channels. */
    private AccountSummary overdueAccount(String name, Set<Channel> consents) {
        return overdueAccount(name, consents, 12_050);
    }

    /** The same, owing {@code minor} CNY (more than 32.50). */
    private AccountSummary overdueAccount(String name, Set<Channel> consents, long minor) {
        Currency cny = Currency.getInstance("CNY");
        String ref = prefix + name;
        ledger.registerCustomers(List.of(new RegisterCustomer(ref + "-C", "Zhao Lei", CustomerType.PERSON,
                "zh-CN", ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.PHONE, "+8613912340000",
                consents, Set.of())))));
        AccountSummary account = ledger.openAccounts(List.of(new OpenAccount(ref, ref + "-C",
                ProductLine.TELECOM_POSTPAID, cny, AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null)))
                .getFirst().view();
        ledger.issueBills(List.of(new IssueBill(ref + "-B", ref, LocalDate.of(2026, 9, 25),
                LocalDate.of(2026, 10, 10), cny, minor, List.of(
                new BillLine("Monthly plan", LineCategory.SERVICE, minor - 3_250),
                new BillLine("Roaming", LineCategory.USAGE, 3_250)))));
        return account;
    }
}
