package dev.arrears.browser;

import dev.arrears.cycle.CycleView;
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
import dev.arrears.platform.Role;
import dev.arrears.platform.Users;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations pages in a real browser: a manager starts a cycle run, follows it on the run page until it is done
 * (live over server-sent events, or already done when the page loads), then opens the sandbox outbox and an e-mail
 * whose HTML shows in a sandboxed frame where its script does not run; the pages fit a 360 px wide screen.
 * Screenshots in target/screenshots/.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationsBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final String PASSWORD = "operations-browser-password";
    private static final Currency CNY = Currency.getInstance("CNY");

    @LocalServerPort
    int port;
    @Autowired
    Users users;
    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    JdbcClient jdbc;

    @Test
    void managerStartsACycleRun_seesItReachDone_thenOpensTheOutboxAndAMessage() {
        String ref = "OPS-" + UUID.randomUUID().toString().substring(0, 8);
        long account = account(ref);
        long message = email(account, ref);
        signIn(user(Role.MANAGER));

        driver().get(url("/cycles"));
        wait(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("runs")));
        browser.shot("cycles");
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Cycle runs");
        WebElement date = driver().findElement(By.id("asOf"));
        assertThat(date.getAttribute("value")).isEqualTo("2026-11-23");
        // a run another test left RUNNING would refuse another date: its own date resumes it
        String asOf = cycles.active().map(CycleView::asOf).map(LocalDate::toString).orElse("2026-11-23");
        ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1];", date, asOf);
        click(driver().findElement(By.cssSelector("form.start-run button[type=submit]")));
        wait(Duration.ofSeconds(30)).until(ExpectedConditions.urlMatches("/cycles/\\d+$"));
        browser.shot("run-started");

        WebElement run = driver().findElement(By.cssSelector(".card.run"));
        wait(Duration.ofSeconds(180)).until(d -> "DONE".equals(run.getAttribute("data-state")));
        browser.shot("run-done");
        assertThat(run.findElement(By.cssSelector("[data-field=stateLabel]")).getText()).isEqualTo("Done");
        WebElement progress = run.findElement(By.tagName("progress"));
        assertThat(progress.getAttribute("value")).isEqualTo(progress.getAttribute("max"));
        assertThat(Long.parseLong(run.findElement(By.cssSelector("[data-field=accountsEvaluated]")).getText()))
                .isPositive();
        String runPath = driver().getCurrentUrl().substring(url("").length());
        driver().navigate().refresh();
        assertThat(driver().findElement(By.cssSelector(".card.run")).getAttribute("data-state")).isEqualTo("DONE");
        assertThat(fitsNarrowScreen()).as("the run page does not scroll sideways at 360 px").isLessThanOrEqualTo(0);

        driver().get(url("/outbox?account=" + account));
        browser.shot("outbox");
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Outbox");
        WebElement row = driver().findElement(By.cssSelector("tr[data-message='" + message + "']"));
        assertThat(row.getText()).contains("E-mail", "o***@example.cn").doesNotContain("ops@example.cn");
        assertThat(fitsNarrowScreen()).as("the outbox does not scroll sideways at 360 px").isLessThanOrEqualTo(0);
        click(row.findElement(By.cssSelector("a[href='/outbox/" + message + "']")));
        wait(Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.tagName("h1"), "Message " + message));

        WebElement frame = driver().findElement(By.cssSelector("iframe.email-html"));
        assertThat(frame.getAttribute("sandbox")).isEmpty();
        assertThat(driver().getPageSource()).doesNotContain("data-owned");
        driver().switchTo().frame(frame);
        assertThat(driver().findElement(By.tagName("body")).getText()).contains(ref + "，您好");
        assertThat(driver().findElement(By.tagName("body")).getAttribute("data-owned"))
                .as("the e-mail's script did not run").isNull();
        driver().switchTo().defaultContent();
        browser.shot("message");
        assertThat(fitsNarrowScreen()).as("the message page does not scroll sideways at 360 px").isLessThanOrEqualTo(0);

        driver().get(url("/cycles"));
        assertThat(driver().findElement(By.cssSelector("a[href='" + runPath + "']")).isDisplayed()).isTrue();
    }

    @Test
    void runPage_followsARunningRunLive_untilItIsDone_withoutAReload() {
        // a run of a date no other test uses, RUNNING as another node leaves it while it works
        LocalDate date = LocalDate.of(1998, 1, 1).plusDays(UUID.randomUUID().hashCode() & 0xfff);
        long id = jdbc.sql("""
                        insert into cycle_run (as_of, state, partitions, requested_by, started_at)
                        values (?, 'RUNNING', 2, 'browser-test', clock_timestamp()) returning id""")
                .param(date).query(Long.class).single();
        try {
            jdbc.sql("""
                            insert into cycle_partition (run_id, part, first_account, last_account, state, accounts,
                                actions, cases_opened, cases_closed, worker, finished_at)
                            values (?, 0, 1, 10, 'DONE', 7, 3, 1, 0, 'browser-test', now()),
                                   (?, 1, 11, 20, 'PENDING', 0, 0, 0, 0, null, null)""")
                    .params(id, id).update();
            signIn(user(Role.AUDITOR));
            driver().get(url("/cycles/" + id));
            WebElement run = driver().findElement(By.cssSelector(".card.run"));
            assertThat(run.getAttribute("data-state")).isEqualTo("RUNNING");
            assertThat(run.findElement(By.cssSelector("[data-field=stateLabel]")).getText()).isEqualTo("Running");
            browser.shot("running");

            jdbc.sql("update cycle_partition set state = 'DONE', accounts = 5, actions = 2, finished_at = now() "
                    + "where run_id = ? and part = 1").param(id).update();
            jdbc.sql("update cycle_run set state = 'DONE', finished_at = clock_timestamp() where id = ?").param(id)
                    .update();

            wait(Duration.ofSeconds(30)).until(d -> "DONE".equals(run.getAttribute("data-state")));
            assertThat(run.findElement(By.cssSelector("[data-field=stateLabel]")).getText()).isEqualTo("Done");
            assertThat(run.findElement(By.cssSelector("[data-field=accountsEvaluated]")).getText()).isEqualTo("12");
            assertThat(run.findElement(By.cssSelector("[data-field=partitionsDone]")).getText()).isEqualTo("2");
            assertThat(run.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("2");
            browser.shot("done-live");
        } finally {
            jdbc.sql("update cycle_run set state = 'DONE', finished_at = clock_timestamp() where id = ?").param(id)
                    .update();
        }
    }

    /** Shows the page 360 px wide, saves a screenshot and returns how far it scrolls sideways (≤ 0: not at all). */
    private int fitsNarrowScreen() {
        driver().manage().window().setSize(new Dimension(360, 780));
        try {
            Object overflow = ((JavascriptExecutor) driver()).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            browser.shot("narrow-" + driver().getCurrentUrl().replaceAll(".*:\\d+/", ""));
            return ((Number) overflow).intValue();
        } finally {
            driver().manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /** An account owing 100.00 CNY since 2026-10-20. */
    private long account(String ref) {
        return cycles.withoutEventEvaluation(() -> {
            ledger.registerCustomers(List.of(new RegisterCustomer(ref + "-C", ref, CustomerType.PERSON, "zh-CN",
                    ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.EMAIL, "ops@example.cn",
                            Set.of(Channel.EMAIL), Set.of())))));
            long id = ledger.openAccounts(List.of(new OpenAccount(ref, ref + "-C", ProductLine.TELECOM_POSTPAID, CNY,
                    AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null))).getFirst().view().id();
            ledger.issueBills(List.of(new IssueBill(ref + "-B", ref, LocalDate.of(2026, 10, 1),
                    LocalDate.of(2026, 10, 20), CNY, 10_000,
                    List.of(new BillLine("套餐费 plan", LineCategory.SERVICE, 10_000)))));
            return id;
        });
    }

    /** An e-mail the sandbox accepted for the account, whose HTML carries a script that must not run. */
    private long email(long account, String ref) {
        long customer = ledger.currentStates(List.of(account)).get(account).customerId();
        return jdbc.sql("""
                        insert into sandbox_message (contact_key, channel, account_id, customer_id, recipient, locale,
                            subject, body_text, body_html, provider_id, accepted_at)
                        values (?, 'EMAIL', ?, ?, 'ops@example.cn', 'zh-CN', ?, ?, ?, ?, ?) returning id""")
                .params("browser-test:" + ref, account, customer, "账单逾期提醒 " + ref, ref + "，您好：您的账单已逾期。",
                        "<html><body><p style=\"color:#0b5cad\">" + ref + "，您好：</p><p>您的账单已逾期。</p>"
                                + "<script>document.body.setAttribute('data-owned', '1')</script></body></html>",
                        "sandbox-" + UUID.randomUUID(), Timestamp.from(Instant.parse("2026-11-23T04:00:00Z")))
                .query(Long.class).single();
    }

    private String user(Role role) {
        String name = "ops-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.add(name, List.of(role.name()), PASSWORD, "browser-test");
        return name;
    }

    private void signIn(String name) {
        driver().get(url("/login"));
        driver().findElement(By.id("username")).sendKeys(name);
        driver().findElement(By.id("password")).sendKeys(PASSWORD);
        click(driver().findElement(By.cssSelector("form.stacked button[type=submit]")));
    }

    /** Clicks a control that leaves the page and waits until the next page has replaced it. */
    private void click(WebElement control) {
        browser.leave(control, Duration.ofSeconds(30));
    }

    private WebDriverWait wait(Duration timeout) {
        return new WebDriverWait(driver(), timeout);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
