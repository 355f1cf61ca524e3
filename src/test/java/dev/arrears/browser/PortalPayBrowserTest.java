package dev.arrears.browser;

import dev.arrears.contact.Portal;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer opens the portal link of a reminder on a phone-sized screen (390 × 844), reads the bill line by line,
 * pays the whole amount through the sandbox gateway's pay step and sees the receipt; the payment cures the case,
 * so the SMS the strategy had planned for today is cancelled. Screenshots in target/screenshots/.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalPayBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;
    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Portal portal;

    @Test
    void customerPaysInFullOnAPhone_seesTheReceipt_andThePlannedSmsIsCancelled() {
        DunningFixture fixture = new DunningFixture(ledger, cycles, jdbc);
        DunningFixture.Dunned account = fixture.withPlannedSms("portal");
        String token = portal.token(account.accountId());

        driver().manage().window().setSize(new Dimension(390, 844));
        try {
            driver().get(url("/portal/" + token + "?lang=en"));
            browser.shot("bill");
            String bills = driver().findElement(By.cssSelector("[aria-labelledby=bills-heading]")).getText();
            assertThat(bills).contains(account.ref() + "-B", "Monthly plan", "88.00", "Roaming data", "32.50");
            assertThat(sidewaysScroll()).as("the bill does not scroll sideways on a phone").isLessThanOrEqualTo(0);
            WebElement amount = driver().findElement(By.id("amount"));
            assertThat(driver().findElement(By.cssSelector("label[for=amount]")).getText()).contains("CNY");
            assertThat(amount.getAttribute("value")).isEqualTo("120.50");

            click(driver().findElement(By.cssSelector("section.pay button[type=submit]")));
            browser.shot("receipt");

            assertThat(driver().getCurrentUrl()).contains("/portal/" + token + "/receipt/portal-");
            String receipt = driver().findElement(By.cssSelector("dl.receipt")).getText();
            assertThat(receipt).contains("120.50", account.ref());
            assertThat(sidewaysScroll()).as("the receipt does not scroll sideways on a phone").isLessThanOrEqualTo(0);
        } finally {
            driver().manage().window().setSize(new Dimension(1280, 900));
        }

        assertThat(ledger.account(account.accountId(), null).orElseThrow().summary().overdueMinor()).isZero();
        assertThat(jdbc.sql("select string_agg(status || coalesce(':' || close_reason, ''), ',') from collection_case"
                + " where account_id = ?").param(account.accountId()).query(String.class).single())
                .isEqualTo("CLOSED:CURED");
        assertThat(fixture.actionState(account.smsActionId())).startsWith("CANCELLED");
    }

    private long sidewaysScroll() {
        return ((Number) ((JavascriptExecutor) driver()).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
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
