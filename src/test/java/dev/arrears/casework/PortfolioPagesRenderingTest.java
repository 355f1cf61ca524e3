package dev.arrears.casework;

import dev.arrears.arrangement.ConcessionViews;
import dev.arrears.arrangement.PlanView;
import dev.arrears.arrangement.Plans;
import dev.arrears.arrangement.PromiseView;
import dev.arrears.arrangement.Promises;
import dev.arrears.arrangement.Settlements;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.ReversalReason;
import dev.arrears.ledger.Ledger;
import dev.arrears.scoring.ScoreViews;
import dev.arrears.scoring.Scoring;
import dev.arrears.ledger.Views.AccountFilter;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.AdjustmentView;
import dev.arrears.ledger.Views.AgingReport;
import dev.arrears.ledger.Views.AgingRow;
import dev.arrears.ledger.Views.BillView;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.ledger.Views.Page;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.ledger.domain.AccountPosition.Allocation;
import dev.arrears.ledger.domain.AccountPosition.DelinquencyEpisode;
import dev.arrears.ledger.domain.AccountPosition.ItemKind;
import dev.arrears.ledger.domain.AccountPosition.SourceKind;
import dev.arrears.ledger.domain.AgingBucket;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import dev.arrears.compliance.ComplianceViews.FlagView;
import dev.arrears.compliance.ComplianceViews.VerdictPage;
import dev.arrears.compliance.ComplianceViews.VerdictView;
import dev.arrears.compliance.DebtorFacts;
import dev.arrears.compliance.VerdictLog;
import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.compliance.domain.Verdict.Reason;
import dev.arrears.cycle.Cycles;
import dev.arrears.cycle.CaseViews.CaseView;
import dev.arrears.cycle.CaseViews.PlannedActionView;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Renders the portfolio pages over a ledger with fixed answers: layout, formatting, filters, paging, CSP. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortfolioPagesRenderingTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @MockitoBean
    Ledger ledger;

    @MockitoBean
    Cycles cycles;

    @MockitoBean
    DebtorFacts debtorFacts;

    @MockitoBean
    VerdictLog verdictLog;

    @MockitoBean
    Promises promises;

    @MockitoBean
    Plans plans;

    @MockitoBean
    Settlements settlements;

    @MockitoBean
    Scoring scoring;

    private WebSession session;

    @BeforeEach
    void signIn() throws Exception {
        stubPortfolio(List.of(), 0);
        when(cycles.cases(anyLong())).thenReturn(List.of());
        when(cycles.actions(any())).thenReturn(new Page<>(List.of(), 0, 20, 0));
        when(debtorFacts.currentFlags(anyLong())).thenReturn(List.of());
        when(verdictLog.byAccount(anyLong(), anyInt(), anyInt())).thenReturn(new VerdictPage(List.of(), 0, 20, 0));
        session = WebSession.signedIn(port, jdbc, encoder);
    }

    @Test
    void portfolioShowsAgingByBucketWithAmountsInTheirCurrency() throws Exception {
        stubPortfolio(List.of(summary(7, "ACC-7", 123_456, 23_450)), 1);

        HttpResponse<String> page = session.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Aging as of 2026-11-23")
                .contains("Telecom postpaid · CNY", "Broadband · JPY")
                .contains("1234.56")
                .contains("1234.56 CNY")
                .contains("98765 JPY")
                .contains(">181+<")
                .contains("href=\"/accounts/7\"")
                .contains("Showing 1–1 of 1");
    }

    @Test
    void accountListPassesTheSearchToTheLedgerAndLinksToTheNextPage() throws Exception {
        stubPortfolio(List.of(summary(7, "ACC-7", 100, 0)), 60);

        HttpResponse<String> page = session.get("/?q=Wei&bucket=31-60&product=broadband&page=1");

        ArgumentCaptor<AccountFilter> filter = ArgumentCaptor.forClass(AccountFilter.class);
        verify(ledger, atLeastOnce()).accounts(filter.capture(), any(AgingReport.class));
        assertThat(filter.getValue()).isEqualTo(new AccountFilter(AgingBucket.D31_60, ProductLine.BROADBAND, null,
                "Wei", 1, PortfolioPages.PAGE_SIZE));
        assertThat(page.body())
                .contains("value=\"Wei\"")
                .contains("<option value=\"31-60\" selected=\"selected\">")
                .contains("Page 2 of 3")
                .contains("href=\"/?q=Wei&amp;bucket=31-60&amp;product=BROADBAND#accounts\"")
                .contains("href=\"/?q=Wei&amp;bucket=31-60&amp;product=BROADBAND&amp;page=2#accounts\"");
    }

    @Test
    void accountListIgnoresFilterValuesItDoesNotKnow() throws Exception {
        stubPortfolio(List.of(), 0);

        HttpResponse<String> page = session.get("/?bucket=300-400&product=SPACESHIP&page=-3");

        ArgumentCaptor<AccountFilter> filter = ArgumentCaptor.forClass(AccountFilter.class);
        verify(ledger, atLeastOnce()).accounts(filter.capture(), any(AgingReport.class));
        assertThat(filter.getValue()).isEqualTo(new AccountFilter(null, null, null, null, 0, PortfolioPages.PAGE_SIZE));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("No account matches.");
    }

    @Test
    void accountPageShowsBillsWithLinesPaymentsAllocationAndEpisodes() throws Exception {
        when(ledger.account(eq(7L), isNull())).thenReturn(Optional.of(accountView()));

        HttpResponse<String> page = session.get("/accounts/7");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Account ACC-7", "Li Wei", "CUST-7", "Asia/Shanghai")
                .contains("+8613800000000", "consents: SMS, CALL · opted out: SMS")
                .contains("BILL-7-1", "Monthly plan", "88.00 CNY", "Late fee", "Outstanding")
                .contains("120.50 CNY")
                .contains("PAY-7-1", "2026-10-05 18:00 Asia/Shanghai", "Alipay")
                .contains("PAY-7-2", "2026-10-09 09:00 Asia/Shanghai · Returned direct debit")
                .contains("Payment PAY-7-1", "Bill BILL-7-1")
                .contains("2026-10-21", "ongoing")
                .contains("ADJ-7-1", "Waiver", "5.00 CNY", "Goodwill after outage")
                .contains("5000.00 CNY")
                .contains("No collection case.", "Nothing planned.")
                .contains("No flag stands.", "No contact checked yet.");
    }

    @Test
    void accountPageShowsStandingComplianceFlagsAndLatestVerdicts() throws Exception {
        stubCompliance();

        HttpResponse<String> page = session.get("/accounts/7");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Compliance", "Standing flags")
                .contains("Dispute open", "this account", "agent-3", "Disputes the roaming line")
                .contains("Represented by an attorney", "all debts")
                .contains("Time-barred", "account 8")
                .contains("Compliance verdicts", "2026-11-23 09:00 Asia/Shanghai", "CALL · COLLECT", "CN-NIFA")
                .contains("Deferred", "not before 2026-11-23 12:00 Asia/Shanghai")
                .contains("CN-NIFA/contact-window", "NIFA convention 2021, art. 7")
                .contains("Allowed");
    }

    @Test
    void accountPageShowsPromisesPlansAndSettlements() throws Exception {
        stubCompliance();
        Instant made = Instant.parse("2026-11-23T04:00:00Z");
        when(promises.promises(7L)).thenReturn(List.of(new PromiseView(3, 7, 70, 9L, 12_000, "CNY",
                LocalDate.of(2026, 11, 27), 2, PromiseView.PromiseChannel.CALL, "agent-3", made,
                LocalDate.of(2026, 11, 23), null, "ACTIVE", 5_000, null, null, null)));
        when(plans.plans(7L)).thenReturn(List.of(new PlanView(4, 7, 70, "CNY", 300_000, 30_000, 0, 3, "MONTHLY", 3,
                "DEFAULTED", "agent-4", made, LocalDate.of(2026, 10, 1), 30_000, LocalDate.of(2026, 11, 4),
                "instalment 1 due 2026-11-01 not paid", List.of()), new PlanView(8, 7, 70, "CNY", 200_000, 20_000,
                0, 3, "MONTHLY", 3, "ACTIVE", "agent-4", made, LocalDate.of(2026, 11, 23), 0, null, null, List.of(),
                300_000)));
        when(settlements.settlements(7L)).thenReturn(List.of(new ConcessionViews.SettlementView(5, 7, 70, "CNY",
                300_000, 200_000, 100_000, LocalDate.of(2026, 11, 30), "hardship", "OFFERED", "agent-5", made, made,
                0, null, null, null, 6L)));

        HttpResponse<String> page = session.get("/accounts/7");

        assertThat(page.body())
                .contains("Promises, plans and settlements")
                .contains("Promise to pay", "2026-11-23 · agent-3", "120.00 CNY", "by 2026-11-27 (2 days of grace)",
                        "ACTIVE", "50.00 CNY")
                .contains("Instalment plan", "300.00 CNY down, then 3 × MONTHLY", "DEFAULTED")
                .contains("200.00 CNY down, then 3 × MONTHLY", " · covers 2000.00 CNY of the 3000.00 CNY owed when"
                        + " it was made")
                .contains("Settlement", "settles 3000.00 CNY, pay by 2026-11-30", "OFFERED")
                .doesNotContain("No promise, plan or settlement.");
        assertThat(session.get("/accounts/7", "zh-CN,zh;q=0.9").body())
                .contains("还款承诺、分期与和解", "2026-11-27前（宽限2天）", "首付300.00 CNY，之后3期（MONTHLY）",
                        "覆盖2000.00 CNY（建立时欠款3000.00 CNY）");
    }

    @Test
    void accountPageShowsTheScoreItsReasonsAndHistoryInThreeLanguages() throws Exception {
        stubCompliance();
        when(scoring.currentOrNow(7L)).thenReturn(new ScoreViews.AccountScore(7, TODAY, 628, "B", 0.18, 3,
                "scorecard", List.of(new ScoreViews.ReasonView("maxDaysPastDue12m", "[15, 30)", -72.0)), 0.8,
                List.of(new ScoreViews.HistoryPoint(TODAY, 628, "B"), new ScoreViews.HistoryPoint(
                        TODAY.minusMonths(1), 655, "B"))));

        HttpResponse<String> page = session.get("/accounts/7");

        assertThat(page.body())
                .contains("Risk score", "628", "18.0%", "80.0%", "scorecard v3")
                .contains("Top reasons", "Most days past due, 12 months", "[15, 30)", "-72.0")
                .contains("Score history", "655")
                .doesNotContain("Not scored.");
        assertThat(session.get("/accounts/7", "zh-CN,zh;q=0.9").body())
                .contains("风险评分", "近12个月最长逾期天数", "评分历史");
        assertThat(session.get("/accounts/7", "zh-TW,zh;q=0.9").body())
                .contains("風險評分", "近12個月最長逾期天數", "評分歷史");
    }

    @Test
    void accountPageShowsComplianceInSimplifiedChinese() throws Exception {
        stubCompliance();

        HttpResponse<String> page = session.get("/accounts/7", "zh-CN,zh;q=0.9");

        assertThat(page.body())
                .contains("合规", "当前标记", "争议处理中", "本账户", "已委托律师", "全部债务", "账户 8")
                .contains("合规检查结果", "推迟", "不早于 2026-11-23 12:00 Asia/Shanghai", "允许");
    }

    private void stubCompliance() {
        when(ledger.account(eq(7L), isNull())).thenReturn(Optional.of(accountView()));
        Instant setAt = Instant.parse("2026-11-20T02:00:00Z");
        when(debtorFacts.currentFlags(70L)).thenReturn(List.of(
                new FlagView(1, 70, Flag.DISPUTE_OPEN, "7", setAt, "agent-3", "Disputes the roaming line", null,
                        null, null),
                new FlagView(2, 70, Flag.HAS_ATTORNEY, null, setAt, "agent-3", null, null, null, null),
                new FlagView(3, 70, Flag.TIME_BARRED, "8", setAt, "system", null, null, null, null)));
        Instant checked = Instant.parse("2026-11-23T01:00:00Z");
        when(verdictLog.byAccount(eq(7L), anyInt(), anyInt())).thenReturn(new VerdictPage(List.of(
                new VerdictView(12, 7L, 70L, "job-12", "CN-NIFA", "1", Channel.CALL, Purpose.COLLECT, "7",
                        checked, new Verdict(Decision.DEFER, Instant.parse("2026-11-23T04:00:00Z"),
                        List.of(new Reason("CN-NIFA/contact-window", "NIFA convention 2021, art. 7",
                                "before 08:00 in Asia/Shanghai"))), "0".repeat(64), checked),
                new VerdictView(13, 7L, 70L, "job-12", "CN-NIFA", "1", Channel.CALL, Purpose.COLLECT, "7",
                        checked.plusSeconds(3 * 3600), Verdict.ALLOW, "1".repeat(64), checked)), 0, 20, 2));
    }

    @Test
    void accountPageShowsCollectionCasesAndPlannedActions() throws Exception {
        when(ledger.account(eq(7L), isNull())).thenReturn(Optional.of(accountView()));
        when(cycles.cases(7L)).thenReturn(List.of(
                new CaseView(31, 7, 70, "OPEN", TODAY.minusDays(9), null, null, "telecom-consumer", 4L, "first-time",
                        "champion", 2, TODAY.minusDays(2), TODAY.plusDays(6), "ACTIVE", false, false, List.of()),
                new CaseView(12, 7, 70, "CLOSED", TODAY.minusDays(90), TODAY.minusDays(70), "CURED",
                        "telecom-consumer", 3L, "first-time", "champion", 3, null, null, "ACTIVE", false, false,
                        List.of())));
        when(cycles.actions(any())).thenReturn(new Page<>(List.of(new PlannedActionView(501, 31, 7, 9L,
                TODAY.minusDays(2), TODAY.minusDays(2), 2, "EMAIL", "EMAIL", "overdue_notice_bill", null, null, null,
                null, null, "telecom-consumer", 4, 4L, "first-time", "champion", List.of(1), false, "PLANNED", null,
                java.time.Instant.EPOCH)), 0, 20, 1));

        HttpResponse<String> page = session.get("/accounts/7");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Collection", "telecom-consumer", "first-time", "champion")
                .contains("open (ACTIVE)", "closed 2026-09-14 (CURED)", "2026-11-29")
                .contains("Planned actions", "overdue_notice_bill", "PLANNED");
    }

    @Test
    void unknownAccountGivesANotFoundPage() throws Exception {
        when(ledger.account(anyLong(), any())).thenReturn(Optional.empty());

        HttpResponse<String> page = session.get("/accounts/999999");
        HttpResponse<String> garbage = session.get("/accounts/abc");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("There is no account 999999.");
        assertThat(garbage.statusCode()).isEqualTo(404);
    }

    @Test
    void pagesCarryNoInlineStylesOrScriptsUnderTheStrictPolicy() throws Exception {
        stubPortfolio(List.of(summary(7, "ACC-7", 100, 0)), 1);
        when(ledger.account(eq(7L), isNull())).thenReturn(Optional.of(accountView()));

        for (String path : List.of("/", "/accounts/7", "/login")) {
            HttpResponse<String> page = session.get(path);
            assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("script-src 'self'");
            assertThat(page.body()).as(path).doesNotContain("style=", "<script", "<style");
            assertThat(page.body()).as(path).contains("/css/arrears.css");
        }
        assertThat(session.get("/css/arrears.css").body()).contains(".figures");
    }

    @Test
    void staticFilesAreServedFromTheirThreePlacesAndNothingElseIsTakenForOne() throws Exception {
        assertThat(session.get("/css/arrears.css").statusCode()).isEqualTo(200);
        assertThat(session.get("/js/dashboard.js").body()).contains("Chart");
        HttpResponse<String> htmx = session.get("/webjars/htmx.org/dist/htmx.min.js");
        assertThat(htmx.statusCode()).as("versionless webjar URL").isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
        // Boot's default /** mapping is off: a file of the classpath outside those places is not served
        assertThat(session.get("/application.properties").statusCode()).isEqualTo(404);
        assertThat(session.get("/static/css/arrears.css").statusCode()).isEqualTo(404);
    }

    @Test
    void portfolioSpeaksSimplifiedChineseToABrowserAskingForIt() throws Exception {
        stubPortfolio(List.of(summary(7, "ACC-7", 100, 0)), 1);

        HttpResponse<String> page = session.get("/", "zh-CN,zh;q=0.9");

        assertThat(page.body()).contains("lang=\"zh-CN\"", "账龄（截至 2026-11-23）", "电信后付费 · CNY", "宽带 · JPY");
    }

    @Test
    void failureOnAPageRendersAnHtmlErrorPage() throws Exception {
        doThrow(new IllegalStateException("store down")).when(ledger).aging(isNull());

        HttpResponse<String> page = session.get("/");

        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.body()).contains("Something went wrong").doesNotContain("store down");
    }

    @Test
    void signedOutVisitorIsSentToTheLoginForm() throws Exception {
        HttpResponse<String> page = WebSession.anonymous(port).get("/");

        assertThat(page.uri().getPath()).isEqualTo("/login");
        assertThat(page.body()).contains("<label for=\"username\"", "<label for=\"password\"", "name=\"_csrf\"");
    }

    @Test
    void wrongPasswordShowsTheLoginError() throws Exception {
        HttpResponse<String> page = WebSession.anonymous(port).login("nobody-" + System.nanoTime(), "wrong");

        assertThat(page.uri().toString()).endsWith("/login?error");
        assertThat(page.body()).contains("Wrong user name or password.");
    }

    private void stubPortfolio(List<AccountSummary> items, long total) {
        doReturn(new AgingReport(TODAY, List.of(
                new AgingRow(AgingBucket.CURRENT, ProductLine.TELECOM_POSTPAID, "CNY", 10, 123_456, 0),
                new AgingRow(AgingBucket.D181_PLUS, ProductLine.BROADBAND, "JPY", 1, 98_765, 98_765))))
                .when(ledger).aging(isNull());
        doAnswer(call -> {
            AccountFilter filter = call.getArgument(0);
            return new Page<>(items, filter.page(), filter.size(), total);
        }).when(ledger).accounts(any());
        // the page counts from the aging it reads: the list comes through the overload that takes it
        doAnswer(call -> {
            AccountFilter filter = call.getArgument(0);
            return new Page<>(items, filter.page(), filter.size(), total);
        }).when(ledger).accounts(any(), any(AgingReport.class));
    }

    private static AccountSummary summary(long id, String ref, long balance, long overdue) {
        return new AccountSummary(id, ref, 70, "CUST-7", "Li Wei", ProductLine.TELECOM_POSTPAID, "CNY",
                AccountStatus.ACTIVE, TODAY, balance, overdue, overdue > 0 ? 33 : 0,
                overdue > 0 ? AgingBucket.D31_60 : AgingBucket.CURRENT, overdue > 0 ? TODAY.minusDays(33) : null);
    }

    private static AccountView accountView() {
        CustomerView customer = new CustomerView(70, "CUST-7", "Li Wei", CustomerType.PERSON, "zh-CN",
                "Asia/Shanghai", List.of(new ContactPoint(ContactKind.PHONE, "+8613800000000",
                Set.of(Channel.SMS, Channel.CALL), Set.of(Channel.SMS))));
        BillView bill = new BillView(71, "BILL-7-1", 7, "ACC-7", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 20),
                "CNY", 20_050, 12_050, List.of(new BillLine("Monthly plan", LineCategory.SERVICE, 8_800),
                new BillLine("Late fee", LineCategory.FEE, 11_250)));
        PaymentView payment = new PaymentView(72, "PAY-7-1", 7, "ACC-7", 8_000, "CNY",
                Instant.parse("2026-10-05T10:00:00Z"), PaymentMethod.ALIPAY, "BILL-7-1", null, (ReversalReason) null);
        PaymentView reversed = new PaymentView(74, "PAY-7-2", 7, "ACC-7", 1_000, "CNY",
                Instant.parse("2026-10-08T10:00:00Z"), PaymentMethod.DIRECT_DEBIT, null,
                Instant.parse("2026-10-09T01:00:00Z"), ReversalReason.RETURNED_DEBIT);
        return new AccountView(summary(7, "ACC-7", 12_050, 12_050), customer, LocalDate.of(2024, 1, 1), 500_000L, 0,
                List.of(bill), List.of(payment, reversed), List.of(new AdjustmentView(73, "ADJ-7-1", 7, "ACC-7", "BILL-7-1",
                        AdjustmentType.WAIVER, 500, "CNY", "Goodwill after outage", LocalDate.of(2026, 10, 6), null)),
                List.of(new Allocation(SourceKind.PAYMENT, 72, "PAY-7-1", ItemKind.BILL, 71, "BILL-7-1", 8_000)),
                List.of(new DelinquencyEpisode(LocalDate.of(2026, 10, 21), null, 33)));
    }
}
