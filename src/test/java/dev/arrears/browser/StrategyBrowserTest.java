package dev.arrears.browser;

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
import dev.arrears.platform.Users;
import dev.arrears.shared.Channel;
import dev.arrears.strategy.Strategies;
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

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strategy pages in a real browser: a strategist signs in, goes to the strategies through the navigation, reads
 * a strategy's highlighted YAML, types a strategy with an unknown key on line 7 into the editor, validates it and
 * sees the error on that line (and in the list, as 7:5); the pages do not scroll sideways at 360 px. Screenshots of
 * each page in target/screenshots/.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StrategyBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final String PASSWORD = "browser-test-password";

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Strategies strategies;

    @Autowired
    Ledger ledger;

    @Test
    void strategist_validatesABrokenStrategy_andSeesTheErrorOnItsLine() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "browser-" + suffix;
        strategies.createVersion(document(name, "valid"), "browser-test");
        String user = "br-strategist-" + suffix;
        users.add(user, List.of("STRATEGIST"), PASSWORD, "browser-test");
        signIn(user);

        click(driver().findElement(By.cssSelector("[data-nav='nav.strategies']")));
        waitFor(By.cssSelector("tr[data-strategy='" + name + "']"));
        browser.shot("list");
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Strategies");

        click(driver().findElement(By.cssSelector("tr[data-strategy='" + name + "'] a")));
        waitFor(By.cssSelector(".code-line[data-line='1']"));
        browser.shot("strategy");
        assertThat(driver().findElement(By.cssSelector(".code-line[data-line='1'] .y-key")).getText())
                .isEqualTo("strategy");
        assertThat(driver().findElements(By.cssSelector(".code-line .y-cel"))).isNotEmpty();
        assertThat(driver().findElements(By.cssSelector("button.activate"))).isNotEmpty();
        assertNoSidewaysScroll("strategy-narrow");

        driver().get(url("/strategies/editor"));
        WebElement text = waitFor(By.id("yaml"));
        ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1];", text,
                document(name, "broken").replace("    when: \"account.balance >= 100.0\"", "    colour: red"));
        browser.shot("editor");
        driver().findElement(By.id("validate")).click();

        WebElement marked = waitFor(By.cssSelector(".code-line.error"));
        ((JavascriptExecutor) driver()).executeScript("document.getElementById('result').scrollIntoView();");
        browser.shot("validated");
        assertThat(marked.getAttribute("data-line")).isEqualTo("7");
        assertThat(marked.getAttribute("id")).isEqualTo("C7");
        assertThat(marked.findElement(By.cssSelector(".ln")).getText()).isEqualTo("7");
        assertThat(marked.getText()).contains("colour: red");
        assertThat(driver().findElement(By.cssSelector(".line-error[data-line='7']")).getText())
                .startsWith("Line 7, column 5: unknown key 'colour'");
        WebElement listed = driver().findElement(By.cssSelector("ol.errors li[data-line='7']"));
        assertThat(listed.findElement(By.cssSelector(".at")).getText()).isEqualTo("7:5");
        assertThat(listed.getText()).contains("unknown key 'colour'");
        // without its condition the first segment takes every account, so the second (line 10) is never reached
        assertThat(driver().findElements(By.cssSelector(".code-line.error")).stream()
                .map(e -> e.getAttribute("data-line")).toList()).containsExactly("7", "10");
        ((JavascriptExecutor) driver()).executeScript("arguments[0].scrollIntoView();", marked);
        assertNoSidewaysScroll("validated-narrow");

        String ref = account(suffix);
        driver().get(url("/strategies/" + name + "/dry-run"));
        waitFor(By.id("account")).sendKeys(ref);
        ((JavascriptExecutor) driver()).executeScript("document.getElementById('asOf').value = '2026-11-23';");
        click(driver().findElement(By.cssSelector("form.filters button[type=submit]")));
        waitFor(By.cssSelector("dl.decision"));
        browser.shot("dry-run");
        assertThat(driver().findElement(By.cssSelector("[data-field=segment]")).getText()).isEqualTo("large");
        assertThat(driver().findElements(By.cssSelector("table.trace tr[data-result]"))).hasSizeGreaterThanOrEqualTo(2);
        driver().get(url("/strategies/" + name + "/variants"));
        waitFor(By.tagName("h1"));
        browser.shot("variants");
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Champion/challenger: " + name);
    }

    /** Opens an account with one unpaid bill of 120.50 CNY due 2026-10-10; returns its reference. */
    private String account(String suffix) {
        String prefix = "SBT-" + suffix + "-";
        Currency cny = Currency.getInstance("CNY");
        ledger.registerCustomers(List.of(new RegisterCustomer(prefix + "CUST", "Wang Fang", CustomerType.PERSON,
                "zh-CN", ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.PHONE, "+8613912341111",
                Set.of(Channel.SMS), Set.of())))));
        ledger.openAccounts(List.of(new OpenAccount(prefix + "ACC", prefix + "CUST", ProductLine.TELECOM_POSTPAID, cny,
                AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null)));
        ledger.issueBills(List.of(new IssueBill(prefix + "BILL", prefix + "ACC", LocalDate.of(2026, 9, 25),
                LocalDate.of(2026, 10, 10), cny, 12_050, List.of(
                new BillLine("Monthly plan", LineCategory.SERVICE, 12_050)))));
        return prefix + "ACC";
    }

    /** A valid strategy that never applies to an account; line 7 is the first segment's condition. */
    private static String document(String name, String description) {
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

    private void assertNoSidewaysScroll(String shot) {
        driver().manage().window().setSize(new Dimension(360, 780));
        Object overflow = ((JavascriptExecutor) driver()).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        // the elements that reach past the right edge, to say what to fix when the page does scroll
        Object wide = ((JavascriptExecutor) driver()).executeScript("""
                const w = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1
                        && (!e.parentElement.closest('.code-view, .table-scroll') || getComputedStyle(e).position === 'absolute'))
                    .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));""");
        browser.shot(shot);
        driver().manage().window().setSize(new Dimension(1280, 900));
        assertThat(((Number) overflow).intValue()).as("the page does not scroll sideways at 360 px: %s", wide)
                .isLessThanOrEqualTo(0);
    }

    private void signIn(String name) {
        driver().get(url("/login"));
        driver().findElement(By.id("username")).sendKeys(name);
        driver().findElement(By.id("password")).sendKeys(PASSWORD);
        click(driver().findElement(By.cssSelector("form.stacked button[type=submit]")));
    }

    /** Clicks something that leaves the page and waits until the next page has replaced it. */
    private void click(WebElement element) {
        browser.leave(element, Duration.ofSeconds(20));
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(driver(), Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(by));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
