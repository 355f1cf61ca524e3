package dev.arrears.browser;

import dev.arrears.arrangement.Promises;
import dev.arrears.contact.ContactViews.JobView;
import dev.arrears.contact.Dispatch;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
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
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collector records a promise to pay on the account page of an overdue account whose SMS reminder is planned
 * for today: the promise pauses the ladder, so dispatch cancels the SMS instead of sending it, and the page shows
 * the promise in its arrangements and its timeline. Screenshots in target/screenshots/.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CollectorPromiseBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final String PASSWORD = "browser-test-password";

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
    @Autowired
    Promises promises;
    @Autowired
    Dispatch dispatch;

    @Test
    void collectorRecordsAPromise_thePlannedSmsIsHeldAndThePageShowsThePromise() {
        DunningFixture fixture = new DunningFixture(ledger, cycles, jdbc);
        DunningFixture.Dunned account = fixture.withPlannedSms("promise");
        String collector = "br-collector-" + UUID.randomUUID().toString().substring(0, 8);
        users.add(collector, List.of("COLLECTOR"), PASSWORD, "browser-test");

        signIn(collector);
        driver().get(url("/accounts/" + account.accountId()));
        browser.shot("account");
        assertThat(driver().findElement(By.cssSelector("[aria-labelledby=actions]")).getText()).contains("SMS");
        WebElement amount = driver().findElement(By.id("promise-amount"));
        assertThat(driver().findElement(By.cssSelector("label[for=promise-amount]")).getText())
                .isEqualTo("Amount (CNY)");
        assertThat(amount.getAttribute("value")).isEqualTo("120.50");
        // set by script: what typing into a date field means depends on the browser locale's date order
        setDate(driver().findElement(By.id("promise-date")), "2026-11-30");
        new Select(driver().findElement(By.id("promise-channel"))).selectByValue("CALL");
        driver().findElement(By.id("promise-note")).sendKeys("Pays on payday");
        browser.shot("promise-form");
        click(driver().findElement(By.cssSelector("#act-promise button[type=submit]")));

        browser.shot("promise-recorded");
        assertThat(driver().findElement(By.cssSelector(".notice[role=status]")).getText())
                .isEqualTo("Promise recorded: 120.50 CNY by 2026-11-30. Dunning is paused while it stands.");
        assertThat(driver().findElement(By.cssSelector("[aria-labelledby=arrangements]")).getText())
                .contains("Promise to pay", "120.50 CNY", "ACTIVE");
        assertThat(driver().findElement(By.cssSelector("[aria-labelledby=timeline]")).getText())
                .contains("Promise to pay", "promised by 2026-11-30", collector);

        assertThat(promises.promises(account.accountId())).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo("ACTIVE");
            assertThat(p.amountMinor()).isEqualTo(12_050);
            assertThat(p.takenBy()).isEqualTo(collector);
        });
        assertThat(jdbc.sql("select promise_active from collection_case where account_id = ? and status = 'OPEN'")
                .param(account.accountId()).query(Boolean.class).single()).as("the case's ladder is paused").isTrue();
        // the SMS was due today: dispatch now finds the promise's hold and cancels it rather than sending it
        dispatch.engine().runOnce(List.of(account.accountId()), "browser-test");
        JobView job = dispatch.jobOf(account.smsActionId()).orElseThrow();
        assertThat(job.state()).isEqualTo("CANCELLED");
        assertThat(job.reason()).isEqualTo("hold: promise to pay active");
        assertThat(fixture.sandbox(account.accountId(), Channel.SMS)).isZero();

        driver().navigate().refresh();
        assertThat(driver().findElement(By.cssSelector("[aria-labelledby=timeline]")).getText())
                .contains("Dispatch", "CANCEL");
        driver().manage().window().setSize(new Dimension(360, 780));
        driver().navigate().refresh();
        Object overflow = ((JavascriptExecutor) driver()).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        browser.shot("narrow");
        Object wide = ((JavascriptExecutor) driver()).executeScript("""
                const w = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-scroll'))
                    .slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' '
                        + Math.round(e.getBoundingClientRect().right)).join('; ');""");
        driver().manage().window().setSize(new Dimension(1280, 900));
        assertThat(((Number) overflow).intValue()).as("the page does not scroll sideways at 360 px: " + wide)
                .isLessThanOrEqualTo(0);
    }

    private void setDate(WebElement field, String isoDate) {
        ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1];", field, isoDate);
    }

    private void signIn(String name) {
        driver().get(url("/login"));
        driver().findElement(By.id("username")).sendKeys(name);
        driver().findElement(By.id("password")).sendKeys(PASSWORD);
        click(driver().findElement(By.cssSelector("form.stacked button[type=submit]")));
    }

    /** Clicks a button that leaves the page and waits until the next page has replaced it. */
    private void click(WebElement button) {
        browser.leave(button, Duration.ofSeconds(20));
    }

    private WebDriver driver() {
        return browser.driver();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
