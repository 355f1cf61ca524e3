package dev.arrears.arrangement;

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
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The arrangement tests' way in: users with roles, accounts owing since 2026-11-01 with their case open, payments,
 * and JSON over real HTTP as one of the users (problem+json answers parsed too).
 */
final class Api {

    static final Currency CNY = Currency.getInstance("CNY");
    static final String PASSWORD = "arrangement-test-password";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final int port;
    private final Ledger ledger;
    private final Cycles cycles;
    private final HttpClient http = HttpClient.newHttpClient();
    final String p = "AR" + UUID.randomUUID().toString().substring(0, 8) + "-";

    Api(int port, JdbcClient jdbc, PasswordEncoder encoder, Ledger ledger, Cycles cycles, String... usersAndRoles) {
        this.port = port;
        this.ledger = ledger;
        this.cycles = cycles;
        for (int i = 0; i < usersAndRoles.length; i += 2) {
            jdbc.sql("""
                            insert into app_user (username, password_hash, roles, enabled, created_at)
                            values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                    .params(usersAndRoles[i], encoder.encode(PASSWORD), "{" + usersAndRoles[i + 1] + "}",
                            Timestamp.from(Instant.now())).update();
        }
    }

    record Response(int status, String contentType, JsonNode json, String text) {

        @Override
        public String toString() {
            return status + " " + contentType + " " + text;
        }

        List<String> pointers() {
            List<String> out = new ArrayList<>();
            json.get("errors").forEach(e -> out.add(e.has("pointer") ? e.get("pointer").asString()
                    : e.get("parameter").asString()));
            return out;
        }
    }

    /** Opens a TELECOM_POSTPAID account owing {@code minor} CNY since 2026-11-01, its case open; returns its id. */
    long account(String ref, long minor) {
        ledger.registerCustomers(List.of(new RegisterCustomer(p + ref, "陈伟", CustomerType.PERSON, "zh-CN",
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

    /** Posts a payment on the account of {@code ref}, received at {@code at}. */
    void pay(String ref, long minor, String paymentRef, Instant at) {
        ledger.postPayments(List.of(new PostPayment(p + paymentRef, p + ref, minor, CNY, at,
                PaymentMethod.BANK_TRANSFER, null)));
    }

    CaseView lastCase(long accountId) {
        return cycles.cases(accountId).getFirst();
    }

    CaseView openCase(long accountId) {
        return cycles.cases(accountId).stream().filter(c -> c.status().equals("OPEN")).findFirst().orElse(null);
    }

    long balance(long accountId) {
        return ledger.account(accountId, null).orElseThrow().summary().balanceMinor();
    }

    Response send(String user, HttpRequest.Builder request) {
        request.header("Accept", "application/json, application/problem+json");
        request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !r.body().isEmpty() ? MAPPER.readTree(r.body()) : null;
            return new Response(r.statusCode(), type, json, r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    Response post(String user, String path, String json) {
        return send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }
}
