package dev.arrears.contact.portal;

import dev.arrears.audit.AuditEntryView;
import dev.arrears.audit.AuditQuery;
import dev.arrears.audit.AuditTrail;
import dev.arrears.contact.Portal;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.shared.Channel;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The e-mail opt-out link over real HTTP without a login: a GET only asks, in the customer's language; a POST (the
 * page's button, or a mail provider's RFC 8058 one-click POST without any form token) opts the customer out of
 * e-mail on every address through the ledger, also with an expired link; an altered link changes nothing.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OptOutPageTest {

    @LocalServerPort
    int port;
    @Autowired
    Portal portal;
    @Autowired
    Ledger ledger;
    @Autowired
    Clock clock;
    @Autowired
    AuditTrail trail;

    final HttpClient http = HttpClient.newHttpClient();
    final String p = "OO" + UUID.randomUUID().toString().substring(0, 8) + "-";
    long customer;

    private long account(String locale) {
        customer = ledger.registerCustomers(List.of(new RegisterCustomer(p + "C", "Wang Fang", CustomerType.PERSON,
                locale, ZoneId.of("Asia/Shanghai"), List.of(
                        new ContactPoint(ContactKind.EMAIL, p + "home@example.cn", Set.of(Channel.EMAIL), Set.of()),
                        new ContactPoint(ContactKind.EMAIL, p + "work@example.cn", Set.of(Channel.EMAIL), Set.of()),
                        new ContactPoint(ContactKind.PHONE, "+8613811112222", Set.of(Channel.SMS), Set.of())))))
                .getFirst().view().id();
        return ledger.openAccounts(List.of(new OpenAccount(p + "A", p + "C", ProductLine.WALLET_CREDIT,
                Currency.getInstance("CNY"), AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null)))
                .getFirst().view().id();
    }

    private List<Set<Channel>> optOuts() {
        CustomerView c = ledger.customer(customer).orElseThrow();
        return c.contactPoints().stream().map(ContactPoint::optOuts).toList();
    }

    @Test
    void getOnlyAsks_postOptsOutOfEmailOnEveryAddress() {
        String token = portal.token(account("zh-CN"));

        HttpResponse<String> ask = send("GET", "/optout/" + token + "?channel=email", null);
        assertThat(ask.statusCode()).isEqualTo(200);
        assertThat(ask.body()).contains("lang=\"zh-CN\"").contains("不再接收我们关于您账户的电子邮件")
                .contains("method=\"post\"");
        assertThat(optOuts()).allSatisfy(o -> assertThat(o).isEmpty());

        HttpResponse<String> done = send("POST", "/optout/" + token + "?channel=email", "List-Unsubscribe=One-Click");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("我们将不再向您发送关于您账户的电子邮件");
        assertThat(optOuts()).containsExactly(Set.of(Channel.EMAIL), Set.of(Channel.EMAIL), Set.of());
        // recorded in the audit trail with where it came from (the request ran on a server thread)
        assertThat(trail.entries(new AuditQuery(null, null, null, "customer", Long.toString(customer), null, 0, 10))
                .entries()).extracting(AuditEntryView::kind, e -> e.details().contains("\"source\":\"EMAIL_LINK\""))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CONTACT_PREFERENCE_CHANGED", true));
    }

    @Test
    void expiredButAuthenticLink_stillOptsOut() {
        String token = portal.token(account("en"), clock.instant().minusSeconds(86_400), null);
        HttpResponse<String> done = send("POST", "/optout/" + token + "?channel=email", null);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("We will not send you e-mails about your account any more.");
        assertThat(optOuts().getFirst()).containsExactly(Channel.EMAIL);
    }

    @Test
    void alteredLinkOrUnknownChannel_changesNothing() {
        String token = portal.token(account("en"));
        String altered = token.substring(0, 10) + (token.charAt(10) == 'x' ? 'y' : 'x') + token.substring(11);
        assertThat(send("POST", "/optout/" + altered + "?channel=email", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/optout/" + token + "?channel=letter", null).statusCode()).isEqualTo(404);
        assertThat(optOuts()).allSatisfy(o -> assertThat(o).isEmpty());
    }

    private HttpResponse<String> send(String method, String path, String form) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept-Language", "en");
            b = form == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                    : b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
