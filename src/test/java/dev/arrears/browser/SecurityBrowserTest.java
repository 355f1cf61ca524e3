package dev.arrears.browser;

import dev.arrears.platform.Role;
import dev.arrears.platform.Users;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in, roles and languages in a real browser: each role sees only the navigation it may use and a friendly 403
 * page where it may not go; five wrong passwords lock a name; an administrator creates a user who then signs in;
 * the language switch turns the pages into Traditional Chinese. Screenshots in target/screenshots/.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final String PASSWORD = "browser-test-password";

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRole_seesOnlyItsNavigation_andAFriendly403WhereItMayNotGo(Role role) {
        String name = user(role);
        signIn(name, PASSWORD);
        browser.shot("portfolio");
        Set<String> expected = switch (role) {
            case ADMIN -> Set.of("nav.dashboard", "nav.portfolio", "nav.accounts", "nav.workbench", "nav.outbox",
                    "nav.letters", "nav.cycles", "nav.strategies", "nav.users", "nav.api");
            case MANAGER -> Set.of("nav.dashboard", "nav.portfolio", "nav.accounts", "nav.workbench", "nav.outbox",
                    "nav.letters", "nav.cycles", "nav.strategies", "nav.api");
            case AUDITOR -> Set.of("nav.dashboard", "nav.portfolio", "nav.accounts", "nav.outbox", "nav.letters",
                    "nav.cycles", "nav.strategies", "nav.api");
            case STRATEGIST -> Set.of("nav.dashboard", "nav.portfolio", "nav.accounts", "nav.outbox", "nav.cycles",
                    "nav.strategies", "nav.api");
            case SUPERVISOR -> Set.of("nav.dashboard", "nav.portfolio", "nav.accounts", "nav.workbench", "nav.outbox",
                    "nav.letters", "nav.cycles", "nav.strategies");
            case COLLECTOR -> Set.of("nav.dashboard", "nav.portfolio", "nav.accounts", "nav.workbench", "nav.outbox");
            case AGENCY -> Set.of("nav.portfolio", "nav.accounts", "nav.workbench");
        };
        assertThat(nav()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(driver().findElement(By.cssSelector(".sign-out .user")).getText()).isEqualTo(name);

        driver().get(url("/admin/users"));
        browser.shot("admin-users");
        if (role == Role.ADMIN) {
            assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Users");
        } else {
            assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
            assertThat(driver().getPageSource()).contains("Your role does not allow this page or action")
                    .doesNotContain("Whitelabel").doesNotContain("Exception");
        }
    }

    @Test
    void fiveWrongPasswords_showTheLockedMessage_andTheRightPasswordThenWaits() {
        String name = user(Role.COLLECTOR);
        for (int i = 1; i <= 4; i++) {
            signIn(name, "wrong-password-" + i);
            assertThat(alert()).isEqualTo("Wrong user name or password.");
        }
        signIn(name, "wrong-password-5");
        browser.shot("locked");
        assertThat(alert()).startsWith("Too many failed sign-ins.");
        signIn(name, PASSWORD);
        assertThat(driver().getCurrentUrl()).contains("/login?locked");
        assertThat(alert()).startsWith("Too many failed sign-ins.");
    }

    @Test
    void adminCreatesAUser_onTheUsersPage_whoThenSignsIn() {
        signIn(user(Role.ADMIN), PASSWORD);
        driver().get(url("/admin/users"));
        String created = "created-" + UUID.randomUUID().toString().substring(0, 8);
        driver().findElement(By.id("new-username")).sendKeys(created);
        driver().findElement(By.id("new-password")).sendKeys("a-new-users-password");
        driver().findElement(By.id("new-role-SUPERVISOR")).click();
        browser.shot("create-form");
        click(driver().findElement(By.cssSelector("form.create-user button[type=submit]")));
        assertThat(driver().findElement(By.cssSelector(".notice[role=status]")).getText())
                .isEqualTo("User " + created + " created.");
        WebElement row = driver().findElement(By.cssSelector("tr[data-user='" + created + "']"));
        assertThat(row.findElement(By.cssSelector("input[value=SUPERVISOR]")).isSelected()).isTrue();
        assertThat(row.findElement(By.cssSelector("input[value=ADMIN]")).isSelected()).isFalse();
        browser.shot("created");

        driver().manage().window().setSize(new Dimension(360, 780));
        driver().navigate().refresh();
        Object overflow = ((JavascriptExecutor) driver()).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        browser.shot("narrow");
        driver().manage().window().setSize(new Dimension(1280, 900));
        assertThat(((Number) overflow).intValue()).as("the page does not scroll sideways at 360 px").isLessThanOrEqualTo(0);

        click(driver().findElement(By.cssSelector(".sign-out button")));
        assertThat(driver().getCurrentUrl()).contains("/login?logout");
        signIn(created, "a-new-users-password");
        browser.shot("new-user-signed-in");
        assertThat(driver().findElement(By.cssSelector(".sign-out .user")).getText()).isEqualTo(created);
        assertThat(nav()).doesNotContain("nav.users");
    }

    @Test
    void languageSwitch_toTraditionalChinese_showsChineseLabels_andIsKept() {
        driver().get(url("/login"));
        click(driver().findElement(By.cssSelector(".lang-switch a[lang=zh-TW]")));
        browser.shot("login-zh-TW");
        assertThat(driver().findElement(By.cssSelector("label[for=username]")).getText()).isEqualTo("使用者名稱");
        assertThat(driver().findElement(By.cssSelector("label[for=password]")).getText()).isEqualTo("密碼");
        driver().findElement(By.id("username")).sendKeys(user(Role.ADMIN));
        driver().findElement(By.id("password")).sendKeys(PASSWORD);
        click(driver().findElement(By.cssSelector("form.stacked button[type=submit]")));
        browser.shot("portfolio-zh-TW");
        assertThat(driver().findElement(By.cssSelector("html")).getAttribute("lang")).isEqualTo("zh-TW");
        assertThat(driver().findElement(By.cssSelector("[data-nav='nav.portfolio']")).getText()).isEqualTo("資產組合");
        assertThat(driver().findElement(By.cssSelector("[data-nav='nav.users']")).getText()).isEqualTo("使用者");
        driver().get(url("/admin/users"));
        browser.shot("users-zh-TW");
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("使用者");
        assertThat(driver().findElement(By.cssSelector("label[for=new-username]")).getText()).isEqualTo("使用者名稱");
    }

    private String user(Role role) {
        String name = "br-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.add(name, List.of(role.name()), PASSWORD, "browser-test");
        return name;
    }

    private void signIn(String name, String password) {
        driver().get(url("/login"));
        driver().findElement(By.id("username")).sendKeys(name);
        driver().findElement(By.id("password")).sendKeys(password);
        click(driver().findElement(By.cssSelector("form.stacked button[type=submit]")));
    }

    /** Clicks a button that leaves the page and waits until the next page has replaced it (slow under load). */
    private void click(WebElement button) {
        browser.leave(button, java.time.Duration.ofSeconds(20));
    }

    private List<String> nav() {
        return driver().findElements(By.cssSelector(".site-nav [data-nav]")).stream()
                .map(e -> e.getAttribute("data-nav")).toList();
    }

    private String alert() {
        return driver().findElement(By.cssSelector(".notice.error")).getText();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
