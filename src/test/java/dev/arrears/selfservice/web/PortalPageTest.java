package dev.arrears.selfservice.web;

import dev.arrears.contact.Portal;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Money;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public bill page behind a portal link, over real HTTP without a login: a valid token shows the unpaid bills
 * line by line in the customer's language; an expired one says so (410), an altered one that the link is not valid
 * (404).
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalPageTest {

    @LocalServerPort
    int port;

    @Autowired
    Portal portal;

    @Autowired
    Ledger ledger;

    @Autowired
    Clock clock;

    final HttpClient http = HttpClient.newHttpClient();
    final String p = "T" + UUID.randomUUID().toString().substring(0, 8) + "-";

    /** A customer with a paid bill and an overdue one of three lines (due 10 November 2026, today 23 November). */
    private long account(String locale, String currency) {
        Currency c = Currency.getInstance(currency);
        ledger.registerCustomers(List.of(new RegisterCustomer(p + "C", "陳靜 <Chen>", CustomerType.PERSON, locale,
                ZoneId.of("Asia/Taipei"), List.of())));
        long id = ledger.openAccounts(List.of(new OpenAccount(p + "A", p + "C", ProductLine.BROADBAND, c,
                AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null))).getFirst().view().id();
        ledger.issueBills(List.of(
                new IssueBill(p + "B0", p + "A", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 20), c, 50_000L,
                        List.of(new BillLine("九月月租", LineCategory.SERVICE, 50_000L))),
                new IssueBill(p + "B1", p + "A", LocalDate.of(2026, 10, 20), LocalDate.of(2026, 11, 10), c, 123_450L,
                        List.of(new BillLine("光纖寬頻月租", LineCategory.SERVICE, 100_000L),
                                new BillLine("固定 IP", LineCategory.USAGE, 20_000L),
                                new BillLine("逾期手續費", LineCategory.FEE, 3_450L)))));
        ledger.postPayments(List.of(new PostPayment(p + "P0", p + "A", 50_000L, c,
                Instant.parse("2026-09-15T02:00:00Z"), PaymentMethod.BANK_TRANSFER, p + "B0")));
        return id;
    }

    @Test
    void validLinkShowsTheUnpaidBillsLineByLineInTheCustomersLanguage() {
        long id = account("zh-TW", "TWD");
        String token = portal.token(id, clock.instant().plusSeconds(3600), Money.ofMinor(100_000L, "TWD"));
        HttpResponse<String> page = get("/portal/" + token, "en-US");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("lang=\"zh-TW\"").contains("陳靜 &lt;Chen&gt;，您好")
                .contains("未結清帳單").contains("帳單 " + p + "B1")
                .contains("光纖寬頻月租").contains("NT$1,000.00").contains("固定 IP").contains("使用費")
                .contains("NT$34.50").contains("尚需繳納").contains("NT$1,234.50")
                .contains("已逾期 13 天").contains("建議繳款金額")
                .doesNotContain(p + "B0").doesNotContain("九月月租");
    }

    @Test
    void englishCustomerReadsEnglish() {
        long id = account("en", "USD");
        HttpResponse<String> page = get("/portal/" + portal.token(id), "zh-CN");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"en\"").contains("Unpaid bills").contains("$1,234.50")
                .contains("13 days past the due date").doesNotContain("Suggested payment");
    }

    @Test
    void expiredLinkSaysSoInTheCustomersLanguage() {
        long id = account("zh-CN", "CNY");
        String token = portal.token(id, clock.instant().minusSeconds(1), null);
        HttpResponse<String> page = get("/portal/" + token, "en");
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("链接已过期").doesNotContain("¥");
    }

    @Test
    void alteredLinkIsNotValidInTheBrowsersLanguage() {
        long id = account("zh-CN", "CNY");
        String token = portal.token(id);
        String altered = token.substring(0, 10) + (token.charAt(10) == 'x' ? 'y' : 'x') + token.substring(11);
        HttpResponse<String> page = get("/portal/" + altered, "zh-TW,zh;q=0.9");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("連結無效").doesNotContain("1,234.50");
        assertThat(get("/portal/nonsense", "en").body()).contains("This link is not valid");
    }

    @Test
    void linksAreBuiltFromTheBaseUrl() {
        String token = portal.token(42);
        assertThat(portal.link(token)).isEqualTo("http://localhost:8080/portal/" + token);
        assertThat(portal.optOutLink(token, dev.arrears.shared.Channel.EMAIL))
                .isEqualTo("http://localhost:8080/optout/" + token + "?channel=email");
        assertThat(portal.verify(token)).isInstanceOf(dev.arrears.contact.PortalToken.Valid.class);
    }

    private HttpResponse<String> get(String path, String language) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Accept-Language", language).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
