package dev.arrears.browser;

import dev.arrears.casework.WorkbenchFixture;
import dev.arrears.contact.Dispatch;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import dev.arrears.platform.Users;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workbench in a real browser, by keyboard only: a collector signs in, opens the workbench, takes the next task
 * (Enter on the focused button), sees the account summary and the script in the customer's language, asks the guard
 * (Enter on the focused dial button), records "no answer" by pressing 2, and lands on the next task; the task page
 * holds at 360 px. Two call tasks of the test's own queue, the first with the higher priority. Screenshots in
 * target/screenshots/.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkbenchBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final String PASSWORD = "workbench-browser-password";

    @LocalServerPort
    int port;
    @Autowired
    Users users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    Dispatch dispatch;

    @Test
    void collector_takesTheNextTask_recordsAnOutcomeWithTheKeyboard_andLandsOnTheNextTask() {
        WorkbenchFixture f = new WorkbenchFixture(ledger, cycles, jdbc, dispatch);
        long first = f.task("Zhou", "zh-CN", 80_000);
        long second = f.task("Chen", "zh-TW", 30_000);
        f.priority(first, 9_500_000_000_000L);
        f.priority(second, 9_400_000_000_000L);
        String name = "br-bench-" + UUID.randomUUID().toString().substring(0, 8);
        users.add(name, List.of("COLLECTOR"), PASSWORD, "browser-test");

        driver().get(url("/login"));
        driver().findElement(By.id("username")).sendKeys(name);
        driver().findElement(By.id("password")).sendKeys(PASSWORD);
        driver().findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        waitFor(d -> !d.getCurrentUrl().contains("/login"));
        driver().findElement(By.cssSelector("[data-nav='nav.workbench']")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("/workbench"));

        driver().get(url("/workbench?queue=" + f.queue()));
        waitFor(d -> !d.findElements(By.id("open-queue")).isEmpty());
        browser.shot("queue");
        assertThat(driver().switchTo().activeElement().getAttribute("id")).as("Next task has the focus")
                .isEqualTo("next-task");

        driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        waitFor(d -> d.getCurrentUrl().contains("/workbench/tasks/" + first));
        assertThat(driver().findElement(By.id("customer-name")).getText()).isEqualTo("Zhou");
        assertThat(driver().findElement(By.id("overdue")).getText()).isEqualTo("800.00 CNY");
        assertThat(driver().findElement(By.id("script")).getText()).startsWith("通话脚本：Zhou");
        browser.shot("task");

        assertThat(driver().switchTo().activeElement().getAttribute("id")).as("the dial button has the focus")
                .isEqualTo("dial");
        driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        waitFor(d -> !d.findElements(By.id("outcome-form")).isEmpty());
        assertThat(driver().findElement(By.id("verdict")).getAttribute("data-decision")).isEqualTo("ALLOW");
        assertThat(driver().findElement(By.cssSelector("#verdict a[href^='tel:']")).getText()).startsWith("+86139");
        browser.shot("dialled");

        new Actions(driver()).sendKeys("2").perform();
        waitFor(d -> d.getCurrentUrl().contains("/workbench/tasks/" + second));
        assertThat(driver().findElement(By.cssSelector("[role=status]")).getText())
                .contains("Outcome of task #" + first + " recorded");
        assertThat(driver().findElement(By.id("customer-name")).getText()).isEqualTo("Chen");
        assertThat(driver().findElement(By.id("script")).getAttribute("lang")).isEqualTo("zh-TW");
        assertThat(f.state(first)).as("no answer: back in the queue").isEqualTo("OPEN/-");
        assertThat(jdbc.sql("select last_outcome from call_task where id = ?").param(first).query(String.class)
                .single()).isEqualTo("NO_ANSWER");
        browser.shot("next-task");

        driver().manage().window().setSize(new Dimension(360, 780));
        try {
            driver().navigate().refresh();
            waitFor(d -> !d.findElements(By.id("customer-name")).isEmpty());
            Object overflow = ((JavascriptExecutor) driver()).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            browser.shot("narrow");
            assertThat(((Number) overflow).intValue()).as("no sideways scroll at 360 px").isLessThanOrEqualTo(0);
        } finally {
            driver().manage().window().setSize(new Dimension(1280, 900));
        }
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver(), Duration.ofSeconds(20)).until(condition::apply);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
