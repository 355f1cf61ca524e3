package dev.arrears.selfservice.web;

import dev.arrears.arrangement.PlanView;
import dev.arrears.arrangement.Plans;
import dev.arrears.arrangement.PromiseView;
import dev.arrears.arrangement.Promises;
import dev.arrears.arrangement.domain.PlanRules.Frequency;
import dev.arrears.compliance.DebtorFacts;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.contact.Portal;
import dev.arrears.cycle.CaseViews.CaseView;
import dev.arrears.cycle.Cycles;
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
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-service portal end to end over real HTTP, as a phone's browser uses it (a cookie jar, the forms' CSRF
 * token, same-origin headers): each action done and its effect on the account (a plan or a promise pauses the
 * ladder, a dispute holds collection, a complaint is stored and listed for collectors, a rating is averaged), each
 * audited; bad input re-shows the form with the problem (400, never 500); cross-site posts and posts without the
 * form's token are refused; a link asking too often gets 429; a wrong link 404, an expired one 410. The test clock
 * stands at 2026-11-23T04:00:00Z (in Shanghai, 23 November).
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalSelfServiceTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final String USER = "portal-test-collector";
    private static final String PASSWORD = "portal-test-password";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    Portal portal;
    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    Plans plans;
    @Autowired
    Promises promises;
    @Autowired
    DebtorFacts facts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    Clock clock;

    final String p = "PS" + UUID.randomUUID().toString().substring(0, 8) + "-";
    /** A phone's browser: it keeps the session cookie the forms' pages set. */
    HttpClient browser;

    @BeforeEach
    void setUp() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                .params(USER, encoder.encode(PASSWORD), "{COLLECTOR}", Timestamp.from(Instant.now())).update();
    }

    /** Opens a TELECOM_POSTPAID account owing {@code minor} CNY since 2026-11-01, its case open; returns its id. */
    private long account(String ref, String locale, long minor) {
        ledger.registerCustomers(List.of(new RegisterCustomer(p + ref, "陈伟", CustomerType.PERSON, locale,
                ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.PHONE, "+8613900139000",
                        Set.of(Channel.SMS, Channel.CALL), Set.of())))));
        long id = ledger.openAccounts(List.of(new OpenAccount(p + ref, p + ref, ProductLine.TELECOM_POSTPAID, CNY,
                AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null))).getFirst().view().id();
        ledger.issueBills(List.of(new IssueBill(p + ref + "-B", p + ref, LocalDate.of(2026, 10, 15),
                LocalDate.of(2026, 11, 1), CNY, minor, List.of(new BillLine("月租", LineCategory.SERVICE, minor - 5_000),
                        new BillLine("滞纳金", LineCategory.FEE, 5_000)))));
        cycles.reevaluate(List.of(id));
        return id;
    }

    private CaseView openCase(long accountId) {
        return cycles.cases(accountId).stream().filter(c -> c.status().equals("OPEN")).findFirst().orElseThrow();
    }

    private long audited(long accountId, String kind) {
        return jdbc.sql("select count(*) from audit_entry where subject_type = 'account' and subject_id = ? and kind = ?")
                .params(Long.toString(accountId), kind).query(Long.class).single();
    }

    // ------------------------------------------------------------------------------------------------ overview

    @Test
    void overviewShowsTheActions_andTheLanguageSwitchKeepsTheLink() {
        long id = account("O", "zh-CN", 300_000);
        String token = portal.token(id);
        HttpResponse<String> page = get("/portal/" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(page.body()).contains("<dd class=\"amount\">¥3,000.00</dd>").doesNotContain(">true<")
                .contains("lang=\"zh-CN\"").contains("月租").contains("分期还款").contains("承诺还款日期")
                .contains("对账单提出异议").contains("投诉").contains("评价本页面")
                .contains("/portal/" + token + "/plan?lang=zh-CN")
                .contains("href=\"/portal/" + token + "?lang=zh-TW\"")
                .contains("href=\"/portal/" + token + "?lang=en\"");
        assertThat(audited(id, "PORTAL_OPENED")).isEqualTo(1);

        HttpResponse<String> tw = get("/portal/" + token + "?lang=zh-TW");
        assertThat(tw.body()).contains("lang=\"zh-TW\"").contains("未結清帳單").contains("分期付款")
                .contains("承諾繳款日期").contains("對帳單提出異議").contains("申訴").contains("評價本頁面")
                .contains("/portal/" + token + "/dispute?lang=zh-TW");
        HttpResponse<String> twForm = get("/portal/" + token + "/complaint?lang=zh-TW");
        assertThat(twForm.body()).contains("申訴類別").contains("帳單").contains("聯絡過於頻繁")
                .contains("href=\"/portal/" + token + "/complaint?lang=en\"");
        assertThat(get("/portal/" + token + "?lang=xx").body()).contains("lang=\"zh-CN\"");
        assertThat(get("/portal/" + token + "?lang=en").body()).contains("Pay in instalments")
                .contains("Promise to pay by a date").contains("Dispute this bill");
    }

    // ------------------------------------------------------------------------------------------------ plan

    @Test
    void choosingAPlanPausesTheLadder_andShowsOnTheTimeline() {
        long id = account("P", "en", 300_000);
        String token = portal.token(id);
        assertThat(openCase(id).promiseActive()).isFalse();
        HttpResponse<String> form = get("/portal/" + token + "/plan");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("3 monthly instalments of CN¥900.00").contains("Down payment today: CN¥300.00")
                .contains("name=\"_csrf\"");
        HttpResponse<String> done = post("/portal/" + token + "/plan?lang=en", Map.of("instalments", "3"), form);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location").orElseThrow()).endsWith("/portal/" + token
                + "?lang=en&done=plan");
        PlanView plan = plans.plans(id).getFirst();
        assertThat(plan.state()).isEqualTo("ACTIVE");
        assertThat(plan.instalmentCount()).isEqualTo(3);
        assertThat(plan.madeBy()).isEqualTo("customer");
        assertThat(openCase(id).promiseActive()).isTrue();
        assertThat(audited(id, "PORTAL_PLAN_CHOSEN")).isEqualTo(1);
        HttpResponse<String> timeline = api("GET", "/api/v1/accounts/" + id + "/timeline", null);
        assertThat(timeline.statusCode()).isEqualTo(200);
        assertThat(timeline.body()).contains("\"kind\":\"PORTAL\"").contains("\"status\":\"PLAN_CHOSEN\"");
        assertThat(get("/portal/" + token + "?lang=en&done=plan").body()).contains("Your instalment plan is set up")
                .contains("Instalment plan: 3 instalments of CN¥900.00").doesNotContain("/portal/" + token + "/plan?");

        HttpResponse<String> again = post("/portal/" + token + "/plan", Map.of("instalments", "2"),
                get("/portal/" + token + "/plan"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already has an instalment plan");
    }

    @Test
    void aPlanOverPartOfTheBalance_tellsTheCustomerTheRestIsStillCollected() {
        long id = account("PP", "zh-CN", 300_000);
        plans.make(id, new Plans.MakePlan(3, null, "CNY", Frequency.MONTHLY, LocalDate.of(2026, 12, 23), 200_000L),
                USER);
        String token = portal.token(id);
        assertThat(get("/portal/" + token + "?lang=en").body())
                .contains("Instalment plan: 3 instalments of CN¥600.00")
                .contains("It covers CN¥2,000.00 of the CN¥3,000.00 you owed when it was made; the rest is collected"
                        + " as usual.");
        assertThat(get("/portal/" + token).body()).contains("其余款项照常催收");
    }

    @Test
    void aPlanTheRulesDoNotAllow_reshowsTheFormWithTheProblem() {
        long id = account("PX", "zh-CN", 300_000);
        String token = portal.token(id);
        HttpResponse<String> form = get("/portal/" + token + "/plan");
        for (String n : new String[]{"7", "abc", ""}) {
            HttpResponse<String> bad = post("/portal/" + token + "/plan", Map.of("instalments", n), form);
            assertThat(bad.statusCode()).as(n).isEqualTo(400);
            assertThat(bad.body()).contains("请选择页面上列出的方案之一").contains("name=\"instalments\"");
        }
        assertThat(plans.plans(id)).isEmpty();
        assertThat(openCase(id).promiseActive()).isFalse();
    }

    @Test
    void aPlanOverPartOfTheBalance_isChosenAfterSeeingItsSchedule() {
        long id = account("PA", "en", 300_000);
        String token = portal.token(id);
        HttpResponse<String> form = get("/portal/" + token + "/plan");
        assertThat(form.body()).contains("<label for=\"amount\">Amount to spread (CNY), optional</label>")
                .contains("Leave it empty to spread everything you owe, CN¥3,000.00.")
                .contains("name=\"shown\" value=\"3000.00\"");

        HttpResponse<String> preview = post("/portal/" + token + "/plan?lang=en", Map.of("amount", "2000",
                "preview", "1"), form);
        // the amount changed after the plans were shown: shown again for it, nothing made
        HttpResponse<String> changed = post("/portal/" + token + "/plan?lang=en", Map.of("amount", "1500.00",
                "shown", "2000.00", "instalments", "3"), preview);

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("These plans spread CN¥2,000.00 of the CN¥3,000.00 you owe")
                .contains("3 monthly instalments of CN¥600.00").contains("Down payment today: CN¥200.00")
                .contains("value=\"2000\"").contains("name=\"shown\" value=\"2000.00\"")
                .doesNotContain("id=\"amount-error\"");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("These are the plans for CN¥1,500.00. Please check them, then confirm one.")
                .contains("3 monthly instalments of CN¥450.00").contains("name=\"shown\" value=\"1500.00\"");
        assertThat(plans.plans(id)).isEmpty();

        HttpResponse<String> done = post("/portal/" + token + "/plan?lang=en", Map.of("amount", "2000.00",
                "shown", "2000.00", "instalments", "3"), preview);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(plans.plans(id)).singleElement().satisfies(plan -> {
            assertThat(plan.coveredMinor()).isEqualTo(200_000);
            assertThat(plan.balanceMinor()).isEqualTo(300_000);
            assertThat(plan.downMinor()).isEqualTo(20_000);
            assertThat(plan.instalmentCount()).isEqualTo(3);
            assertThat(plan.madeBy()).isEqualTo("customer");
        });
        assertThat(audited(id, "PORTAL_PLAN_CHOSEN")).isEqualTo(1);
        assertThat(get("/portal/" + token + "?lang=en&done=plan").body())
                .contains("Instalment plan: 3 instalments of CN¥600.00")
                .contains("It covers CN¥2,000.00 of the CN¥3,000.00 you owed when it was made");
    }

    @Test
    void aCustomerChoosesAPlanEveryTwoWeeksWithMoreDown_afterSeeingItsSchedule() {
        long id = account("PF", "en", 300_000);
        String token = portal.token(id);
        HttpResponse<String> form = get("/portal/" + token + "/plan");
        assertThat(form.body()).contains("<label for=\"down\">Down payment today (CNY), optional</label>")
                .contains("At least CN¥300.00. Leave it empty to pay just that today.")
                .contains("<option value=\"BIWEEKLY\">every two weeks</option>")
                .contains("<option value=\"MONTHLY\" selected=\"selected\">monthly</option>")
                .contains("name=\"shownDown\" value=\"300.00\"", "name=\"shownFrequency\" value=\"MONTHLY\"");

        HttpResponse<String> preview = post("/portal/" + token + "/plan?lang=en", Map.of("down", "900",
                "frequency", "BIWEEKLY", "preview", "1"), form);
        // the down payment changed after the plans were shown: shown again for it, nothing made
        HttpResponse<String> changed = post("/portal/" + token + "/plan?lang=en", Map.of("down", "1200",
                "frequency", "BIWEEKLY", "shown", "3000.00", "shownDown", "900.00", "shownFrequency", "BIWEEKLY",
                "instalments", "3"), preview);

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("3 instalments of CN¥700.00, every two weeks")
                .contains("Down payment today: CN¥900.00").contains("value=\"900\"")
                .contains("name=\"shownDown\" value=\"900.00\"", "name=\"shownFrequency\" value=\"BIWEEKLY\"")
                .contains("<option value=\"BIWEEKLY\" selected=\"selected\">").doesNotContain("id=\"down-error\"");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("These are the plans for CN¥3,000.00. Please check them, then confirm one.")
                .contains("3 instalments of CN¥600.00, every two weeks").contains("Down payment today: CN¥1,200.00");
        assertThat(plans.plans(id)).isEmpty();

        HttpResponse<String> done = post("/portal/" + token + "/plan?lang=en", Map.of("down", "900",
                "frequency", "BIWEEKLY", "shown", "3000.00", "shownDown", "900.00", "shownFrequency", "BIWEEKLY",
                "instalments", "3"), preview);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(plans.plans(id)).singleElement().satisfies(plan -> {
            assertThat(plan.downMinor()).isEqualTo(90_000);
            assertThat(plan.frequency()).isEqualTo("BIWEEKLY");
            assertThat(plan.madeBy()).isEqualTo("customer");
            assertThat(plan.instalments()).extracting(i -> i.number() + " " + i.dueOn() + " " + i.amountMinor())
                    .containsExactly("0 2026-11-23 90000", "1 2026-12-07 70000", "2 2026-12-21 70000",
                            "3 2027-01-04 70000");
        });
        assertThat(audited(id, "PORTAL_PLAN_CHOSEN")).isEqualTo(1);
    }

    @Test
    void aBadDownPaymentOrFrequency_isShownBesideTheFieldInTheCustomersLanguage_andMakesNoPlan() {
        long id = account("PD", "zh-CN", 300_000);
        String token = portal.token(id);
        HttpResponse<String> form = get("/portal/" + token + "/plan");
        assertThat(form.body()).contains("今日首付（CNY），可选").contains("还款周期");

        for (String down : new String[]{"abc", "299.99", "3000"}) {
            HttpResponse<String> bad = post("/portal/" + token + "/plan", Map.of("down", down, "instalments", "3"),
                    form);
            assertThat(bad.statusCode()).as(down).isEqualTo(400);
            assertThat(bad.body()).as(down)
                    .contains("<p id=\"down-error\" class=\"field-error\">请输入至少 ¥300.00 且少于分期金额 ¥3,000.00 的首付。</p>")
                    .contains("aria-describedby=\"down-hint down-error\"").contains("value=\"" + down + "\"")
                    // the plans shown stay those with the smallest down payment
                    .contains("分 3 期按月还款，每期 ¥900.00");
        }
        // over part of the balance, the smallest is a share of that part
        HttpResponse<String> part = post("/portal/" + token + "/plan?lang=en", Map.of("amount", "2000",
                "down", "150", "frequency", "WEEKLY", "instalments", "3"), form);
        HttpResponse<String> tw = post("/portal/" + token + "/plan?lang=zh-TW", Map.of("down", "1", "preview", "1"),
                form);
        HttpResponse<String> daily = post("/portal/" + token + "/plan", Map.of("frequency", "DAILY",
                "instalments", "3"), form);

        assertThat(part.statusCode()).isEqualTo(400);
        assertThat(part.body()).contains("<p id=\"down-error\" class=\"field-error\">Please enter a down payment of"
                + " at least CN¥200.00 and less than CN¥2,000.00, the amount you spread.</p>")
                .contains("3 weekly instalments of CN¥600.00");
        assertThat(tw.statusCode()).isEqualTo(400);
        assertThat(tw.body()).containsPattern("id=\"down-error\" class=\"field-error\">請輸入至少 \\S+300\\.00 且少於分期金額 "
                + "\\S+3,000\\.00 的頭期款。</p>");
        assertThat(daily.statusCode()).isEqualTo(400);
        assertThat(daily.body()).contains("<p id=\"frequency-error\" class=\"field-error\">请选择还款周期。</p>");
        assertThat(plans.plans(id)).isEmpty();
        assertThat(openCase(id).promiseActive()).isFalse();
    }

    @Test
    void aBadAmountToSpread_isShownBesideTheFieldInTheCustomersLanguage_andMakesNoPlan() {
        long id = account("PB", "zh-CN", 300_000);
        String token = portal.token(id);
        HttpResponse<String> form = get("/portal/" + token + "/plan");
        assertThat(form.body()).contains("分期金额（CNY），可选");

        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("abc", "请输入大于零且不超过您所欠金额 ¥3,000.00 的金额。");
        problems.put("3000.01", "请输入大于零且不超过您所欠金额 ¥3,000.00 的金额。");
        problems.put("0.01", "金额太小，没有可选的分期方案。请输入更大的金额。");
        problems.forEach((amount, problem) -> {
            HttpResponse<String> bad = post("/portal/" + token + "/plan", Map.of("amount", amount,
                    "instalments", "3"), form);
            assertThat(bad.statusCode()).as(amount).isEqualTo(400);
            assertThat(bad.body()).as(amount)
                    .contains("<p id=\"amount-error\" class=\"field-error\">" + problem + "</p>")
                    .contains("aria-describedby=\"amount-hint amount-error\"").contains("value=\"" + amount + "\"")
                    // the plans shown stay those of the whole balance
                    .contains("分 3 期按月还款，每期 ¥900.00");
        });
        HttpResponse<String> tw = post("/portal/" + token + "/plan?lang=zh-TW", Map.of("amount", "0",
                "preview", "1"), form);
        HttpResponse<String> en = post("/portal/" + token + "/plan?lang=en", Map.of("amount", "0",
                "preview", "1"), form);

        assertThat(tw.statusCode()).isEqualTo(400);
        assertThat(tw.body()).contains("id=\"amount-error\" class=\"field-error\">請輸入大於零且不超過您所欠金額 ");
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("Please enter an amount more than zero and at most what you owe, CN¥3,000.00.");
        assertThat(plans.plans(id)).isEmpty();
        assertThat(openCase(id).promiseActive()).isFalse();
    }

    // ------------------------------------------------------------------------------------------------ promise

    @Test
    void aPromiseByADateIsTheCustomersAndPausesTheLadder() {
        long id = account("R", "en", 200_000);
        String token = portal.token(id);
        HttpResponse<String> form = get("/portal/" + token + "/promise");
        assertThat(form.body()).contains("value=\"2000.00\"").contains("min=\"2026-11-23\"")
                .contains("max=\"2026-12-23\"");
        HttpResponse<String> done = post("/portal/" + token + "/promise",
                Map.of("amount", "1500.00", "date", "2026-12-01"), form);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        PromiseView promise = promises.promises(id).getFirst();
        assertThat(promise.channel()).isEqualTo(PromiseView.PromiseChannel.PORTAL);
        assertThat(promise.takenBy()).isEqualTo("customer");
        assertThat(promise.amountMinor()).isEqualTo(150_000);
        assertThat(promise.promisedOn()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(openCase(id).promiseActive()).isTrue();
        assertThat(audited(id, "PORTAL_PROMISE_MADE")).isEqualTo(1);
        assertThat(audited(id, "PROMISE_CHANGED")).isEqualTo(1);
        assertThat(get("/portal/" + token).body()).contains("You promised to pay CN¥1,500.00 by");
    }

    @Test
    void aPromiseOutsideTheLimits_reshowsTheFormWithTheProblem() {
        long id = account("RX", "en", 200_000);
        String token = portal.token(id);
        HttpResponse<String> form = get("/portal/" + token + "/promise");
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("date too far", new String[]{"100.00", "2026-12-24", "Please choose a date from"});
        cases.put("date past", new String[]{"100.00", "2026-11-22", "Please choose a date from"});
        cases.put("date garbage", new String[]{"100.00", "soon", "Please choose a date from"});
        cases.put("amount zero", new String[]{"0", "2026-12-01", "greater than zero and at most CN¥2,000.00"});
        cases.put("amount over", new String[]{"2000.01", "2026-12-01", "greater than zero and at most"});
        cases.put("amount garbage", new String[]{"1,0", "2026-12-01", "greater than zero"});
        cases.forEach((name, c) -> {
            HttpResponse<String> bad = post("/portal/" + token + "/promise", Map.of("amount", c[0], "date", c[1]),
                    form);
            assertThat(bad.statusCode()).as(name).isEqualTo(400);
            assertThat(bad.body()).as(name).contains(c[2]).contains("value=\"" + c[0] + "\"");
        });
        assertThat(promises.promises(id)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ dispute

    @Test
    void aDisputeHoldsCollectionAsTheCollectorsDoes() {
        long id = account("D", "zh-TW", 200_000);
        long customerId = ledger.account(id, null).orElseThrow().summary().customerId();
        String token = portal.token(id);
        HttpResponse<String> form = get("/portal/" + token + "/dispute");
        assertThat(form.body()).contains("金額有誤").contains("maxlength=\"500\"");
        HttpResponse<String> bad = post("/portal/" + token + "/dispute", Map.of("reason", "", "text",
                "x".repeat(501)), form);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("請選擇原因").contains("請以 1 至 500 個字元說明問題");
        assertThat(openCase(id).disputeOpen()).isFalse();

        HttpResponse<String> done = post("/portal/" + token + "/dispute", Map.of("reason", "WRONG_AMOUNT",
                "text", "滯納金不應收取"), form);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(openCase(id).disputeOpen()).isTrue();
        assertThat(facts.facts(customerId).disputedDebtIds()).contains(Long.toString(id));
        assertThat(facts.currentFlags(customerId)).anySatisfy(f -> assertThat(f.flag()).isEqualTo(Flag.DISPUTE_OPEN));
        assertThat(audited(id, "PORTAL_DISPUTE_OPENED")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_entry where kind = 'FLAG_CHANGED' and subject_id = ?")
                .param(Long.toString(customerId)).query(Long.class).single()).isEqualTo(1);
        assertThat(get("/portal/" + token).body()).contains("您已對此帳單提出異議")
                .doesNotContain("/portal/" + token + "/dispute?");
    }

    // ------------------------------------------------------------------------------------------------ complaint

    @Test
    void aComplaintIsStoredAudited_andListedForCollectors() throws Exception {
        long id = account("C", "en", 200_000);
        String token = portal.token(id);
        HttpResponse<String> form = get("/portal/" + token + "/complaint");
        HttpResponse<String> bad = post("/portal/" + token + "/complaint", Map.of("category", "NOISE", "text", " "),
                form);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Please choose what the complaint is about")
                .contains("Please write your complaint in 1 to 2000 characters");
        HttpResponse<String> done = post("/portal/" + token + "/complaint", Map.of("category", "CONTACT_FREQUENCY",
                "text", "Too many calls <b>this week</b>"), form);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(audited(id, "PORTAL_COMPLAINT_MADE")).isEqualTo(1);

        HttpResponse<String> made = api("POST", "/api/v1/accounts/" + id + "/complaints",
                "{\"category\": \"BILLING\", \"text\": \"Customer says the fee is wrong\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(MAPPER.readTree(made.body()).get("source").asString()).isEqualTo("COLLECTOR");
        assertThat(MAPPER.readTree(made.body()).get("createdBy").asString()).isEqualTo(USER);
        assertThat(audited(id, "COMPLAINT_RECORDED")).isEqualTo(1);

        HttpResponse<String> list = api("GET", "/api/v1/accounts/" + id + "/complaints", null);
        JsonNode json = MAPPER.readTree(list.body());
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("source").asString()).isEqualTo("COLLECTOR");
        assertThat(json.get(1).get("source").asString()).isEqualTo("PORTAL");
        assertThat(json.get(1).get("category").asString()).isEqualTo("CONTACT_FREQUENCY");
        assertThat(json.get(1).get("status").asString()).isEqualTo("OPEN");
        assertThat(json.get(1).get("createdOn").asString()).isEqualTo("2026-11-23");
        assertThat(jdbc.sql("""
                        select count(*) from complaint
                        where account_id = ? and created_on > ?::date - 90 and created_on <= ?::date""")
                .params(id, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23)).query(Integer.class).single())
                .isEqualTo(2);

        HttpResponse<String> problem = api("POST", "/api/v1/accounts/" + id + "/complaints",
                "{\"category\": \"NOISE\", \"text\": \"\", \"source\": \"PORTAL\"}");
        assertThat(problem.statusCode()).isEqualTo(400);
        assertThat(problem.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        assertThat(problem.body()).contains("/category").contains("/text").contains("/source");
        assertThat(api("GET", "/api/v1/accounts/999999999/complaints", null).statusCode()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/accounts/abc/complaints", null).statusCode()).isEqualTo(400);
    }

    // ------------------------------------------------------------------------------------------------ feedback

    @Test
    void ratingsAreStoredAndAveraged() throws Exception {
        JsonNode before = MAPPER.readTree(api("GET", "/api/v1/portal/feedback/summary", null).body());
        long id = account("F", "en", 200_000);
        String token = portal.token(id);
        HttpResponse<String> form = get("/portal/" + token + "/feedback");
        assertThat(form.body()).contains("5 – very easy");
        HttpResponse<String> bad = post("/portal/" + token + "/feedback", Map.of("rating", "6",
                "comment", "y".repeat(1001)), form);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Please choose a rating from 1 to 5").contains("at most 1000 characters");
        assertThat(post("/portal/" + token + "/feedback", Map.of("rating", "5", "comment", "Easy"), form)
                .statusCode()).isEqualTo(303);
        assertThat(post("/portal/" + token + "/feedback", Map.of("rating", "2", "comment", ""), form)
                .statusCode()).isEqualTo(303);
        assertThat(audited(id, "PORTAL_FEEDBACK_GIVEN")).isEqualTo(2);
        JsonNode after = MAPPER.readTree(api("GET", "/api/v1/portal/feedback/summary?days=30", null).body());
        assertThat(after.get("count").asLong()).isEqualTo(before.get("count").asLong() + 2);
        assertThat(after.get("byRating").get("5").asLong()).isEqualTo(before.get("byRating").get("5").asLong() + 1);
        assertThat(after.get("byRating").get("2").asLong()).isEqualTo(before.get("byRating").get("2").asLong() + 1);
        assertThat(after.get("average").decimalValue()).isBetween(java.math.BigDecimal.ONE,
                java.math.BigDecimal.valueOf(5));
        assertThat(api("GET", "/api/v1/portal/feedback/summary?days=0", null).statusCode()).isEqualTo(400);
    }

    // ------------------------------------------------------------------------------------------------ security

    @Test
    void aCrossSitePostOrOneWithoutTheFormsToken_isRefusedAndChangesNothing() {
        long id = account("X", "en", 200_000);
        String token = portal.token(id);
        HttpResponse<String> form = get("/portal/" + token + "/dispute");
        HttpResponse<String> crossSite = send(HttpRequest.newBuilder(uri("/portal/" + token + "/dispute"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("reason", "NOT_MINE", "text", "x",
                        "_csrf", csrf(form))))));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("This form is no longer valid");
        // a forged form from another site has no session of ours, hence no CSRF token
        HttpResponse<String> forged = HttpClientHolder.send(HttpRequest.newBuilder(uri("/portal/" + token
                        + "/complaint"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("category", "OTHER", "text", "x")))));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("The form was not sent").contains("Please open the link again");
        assertThat(openCase(id).disputeOpen()).isFalse();
        assertThat(jdbc.sql("select count(*) from complaint where account_id = ?").param(id).query(Long.class)
                .single()).isZero();
    }

    @Test
    void aLinkAskingTooOften_getsAFriendly429WithRetryAfter() {
        long id = account("L", "en", 200_000);
        String token = portal.token(id);
        for (int i = 0; i < 30; i++) {
            assertThat(get("/portal/" + token + "/feedback").statusCode()).as("request " + (i + 1)).isEqualTo(200);
        }
        HttpResponse<String> refused = get("/portal/" + token + "/feedback");
        assertThat(refused.statusCode()).isEqualTo(429);
        // the test clock stands at a whole minute: the window has all of its 60 seconds to run
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(refused.body()).contains("Please wait a moment").contains("try again in 60 seconds")
                .doesNotContain("陈伟");
        assertThat(get("/portal/" + portal.token(account("L2", "en", 200_000))).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongLinkIs404AndAnExpiredOne410_onEveryPortalPage() {
        long id = account("E", "en", 200_000);
        String expired = portal.token(id, clock.instant().minusSeconds(1), null);
        String valid = portal.token(id);
        String altered = valid.substring(0, 10) + (valid.charAt(10) == 'x' ? 'y' : 'x') + valid.substring(11);
        for (String action : List.of("", "/plan", "/promise", "/dispute", "/complaint", "/feedback")) {
            HttpResponse<String> gone = get("/portal/" + expired + action);
            assertThat(gone.statusCode()).as(action).isEqualTo(410);
            assertThat(gone.body()).contains("This link has expired").doesNotContain("¥").doesNotContain(p);
            HttpResponse<String> wrong = get("/portal/" + altered + action);
            assertThat(wrong.statusCode()).as(action).isEqualTo(404);
            assertThat(wrong.body()).contains("This link is not valid").doesNotContain(p);
        }
        HttpResponse<String> form = get("/portal/" + valid + "/complaint");
        assertThat(post("/portal/" + expired + "/complaint", Map.of("category", "OTHER", "text", "x"), form)
                .statusCode()).isEqualTo(410);
        assertThat(post("/portal/" + altered + "/complaint", Map.of("category", "OTHER", "text", "x"), form)
                .statusCode()).isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept-Language", "en").GET());
    }

    /** Posts a form as the page's own browser does: its CSRF token, same-origin headers. */
    private HttpResponse<String> post(String path, Map<String, String> fields, HttpResponse<String> page) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf(page));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://localhost:" + port).header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(form(all))));
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("the page has a CSRF token: " + page.body()).isTrue();
        return m.group(1);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private HttpResponse<String> api(String method, String path, String json) {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (json != null) {
            r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HttpClientHolder.send(r);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return browser.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client without cookies: another site's forged form, or an integration. */
    private static final class HttpClientHolder {

        private static final HttpClient PLAIN = HttpClient.newHttpClient();

        static HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return PLAIN.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
