package dev.arrears.contact.dispatch;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.arrears.compliance.Clearance;
import dev.arrears.compliance.ContactCheck;
import dev.arrears.compliance.ContactCheck.CollectorRole;
import dev.arrears.compliance.ContactCheck.Selection;
import dev.arrears.compliance.ContactGuard;
import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.contact.ContactHistory;
import dev.arrears.contact.ContactViews.DispatchReport;
import dev.arrears.contact.ContactViews.JobView;
import dev.arrears.contact.ContactViews.TimelineEntry;
import dev.arrears.contact.Dispatch;
import dev.arrears.contact.channel.ChannelSender.Cleared;
import dev.arrears.contact.channel.ChannelSenders;
import dev.arrears.contact.channel.OutboundMessage;
import dev.arrears.contact.channel.ProviderIds;
import dev.arrears.contact.channel.ProviderRecord;
import dev.arrears.contact.channel.SendResult;
import dev.arrears.contact.push.PushChannelSender;
import dev.arrears.contact.push.PushProperties;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dispatch with push live over HTTP against WireMock on a free port (a real HTTP server; its Jetty is shaded, so it
 * sits beside the application's): the due push messages of a cycle are POSTed once each with the bearer token, the
 * Idempotency-Key and the rendered payload in UTF-8, the gateway's id becomes the job's provider id and the attempt
 * shows on the timeline; the gateway's statuses map to TRANSIENT (with Retry-After) and PERMANENT, timeouts and
 * refused connections are transient, a batch runs side by side, and a clearance for another contact is refused.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LivePushDispatchTest {

    private static final String PATH = "/v1/push";
    private static final String TOKEN = "test-gateway-token-7f3a";
    private static final WireMockServer GATEWAY = start();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void pushLive(DynamicPropertyRegistry registry) {
        registry.add("arrears.contact.push.mode", () -> "live");
        registry.add("arrears.contact.push.url", () -> GATEWAY.baseUrl() + PATH);
        registry.add("arrears.contact.push.token", () -> TOKEN);
    }

    @AfterAll
    static void stopGateway() {
        GATEWAY.stop();
    }

    @Autowired
    Dispatch dispatch;
    @Autowired
    ChannelSenders senders;
    @Autowired
    PushChannelSender live;
    @Autowired
    Ledger ledger;
    @Autowired
    ContactGuard guard;
    @Autowired
    Cycles cycles;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ContactHistory history;
    @Autowired
    Clock clock;

    /** A device token of its own per message, so that tests sharing the gateway do not see each other. */
    private static String deviceToken() {
        return "dev-" + UUID.randomUUID();
    }

    /** Answers every request for a device token with the status and body. */
    private static void answer(String device, int status, String body) {
        GATEWAY.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.to", equalTo(device)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    private static List<LoggedRequest> requestsFor(String device) {
        return GATEWAY.findAll(postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.to", equalTo(device))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            zh-CN | 账单已逾期            | 已逾期
            zh-TW | 帳單已逾期            | 點擊查看明細並繳款
            en    | Your payment is overdue | days overdue
            """)
    void duePushMessagesArePostedOnceEachWithTokenKeyAndPayloadAndShowOnTheTimeline(String locale, String title,
                                                                                    String bodyPart) throws Exception {
        assertThat(senders.sender(Channel.PUSH)).isSameAs(live);
        DispatchFixture f = new DispatchFixture(ledger, cycles, jdbc);
        List<String> devices = new ArrayList<>();
        List<Long> actions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String device = deviceToken();
            answer(device, 200, "{\"id\":\"gw-" + device + "\"}");
            long a = f.account("Wu" + i, locale, List.of(new ContactPoint(ContactKind.PUSH, device,
                    Set.of(Channel.PUSH), Set.of())));
            devices.add(device);
            actions.add(f.plan(a, "PUSH", "PUSH", "SMS", "overdue_notice"));
        }

        DispatchReport report = dispatch.runOnce(f.accounts);

        assertThat(report.sent()).isEqualTo(3);
        for (int i = 0; i < actions.size(); i++) {
            JobView job = dispatch.jobOf(actions.get(i)).orElseThrow();
            assertThat(job.state()).isEqualTo("SENT");
            assertThat(job.channel()).isEqualTo(Channel.PUSH);
            assertThat(job.providerIds()).containsExactly("gw-" + devices.get(i));
            List<LoggedRequest> got = requestsFor(devices.get(i));
            assertThat(got).hasSize(1);
            LoggedRequest request = got.getFirst();
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.getHeader("Idempotency-Key")).isEqualTo(job.idempotencyKey())
                    .startsWith("planned-action:");
            assertThat(request.getHeader("Content-Type")).isEqualToIgnoringCase("application/json; charset=utf-8");
            JsonNode body = JSON.readTree(new String(request.getBody(), StandardCharsets.UTF_8));
            assertThat(body.path("to").asString()).isEqualTo(devices.get(i));
            JsonNode message = body.path("message");
            assertThat(message.path("title").asString()).isEqualTo(title);
            assertThat(message.path("body").asString()).contains(bodyPart).doesNotContain("{{");
            assertThat(message.path("accountId").asLong()).isEqualTo(job.accountId());
            assertThat(message.path("template").asString()).isEqualTo("overdue_notice");
            assertThat(message.path("locale").asString()).isEqualTo(locale);
            // the journal holds the gateway's id for a takeover
            ProviderRecord record = live.lookup(job.idempotencyKey());
            assertThat(record.known()).isEqualTo(ProviderRecord.Known.ACCEPTED);
            assertThat(record.providerIds()).containsExactly("gw-" + devices.get(i));
            // the attempt on the account's timeline
            String device = devices.get(i);
            List<TimelineEntry> entries = history.timeline(job.accountId(), "test").entries();
            assertThat(entries).anySatisfy(e -> {
                assertThat(e.kind()).isEqualTo("ATTEMPT");
                assertThat(e.channel()).isEqualTo(Channel.PUSH);
                assertThat(e.ref()).isEqualTo("job:" + job.id());
                assertThat(e.detail()).contains(device);
            });
        }

        // a second run finds nothing to send
        jdbc.sql("update planned_action set state = 'PLANNED' where id = any (?)")
                .param(actions.toArray(Long[]::new)).update();
        assertThat(dispatch.runOnce(f.accounts).sent()).isZero();
        for (String device : devices) {
            assertThat(requestsFor(device)).hasSize(1);
        }
    }

    @Test
    void goneDeviceTokenIsPermanentAndFallsBackToTheStepsFallback() {
        DispatchFixture f = new DispatchFixture(ledger, cycles, jdbc);
        String device = deviceToken();
        answer(device, 410, "{\"error\":\"Unregistered\"}");
        long a = f.account("Gao", List.of(
                new ContactPoint(ContactKind.PHONE, "+86137" + (10_000_000 + (int) (Math.random() * 89_999_999)),
                        Set.of(Channel.SMS), Set.of()),
                new ContactPoint(ContactKind.PUSH, device, Set.of(Channel.PUSH), Set.of())));
        long action = f.plan(a, "PUSH", "PUSH", "SMS", "overdue_notice");

        DispatchReport report = dispatch.runOnce(f.accounts);

        assertThat(report.fellBack()).isEqualTo(1);
        JobView job = dispatch.jobOf(action).orElseThrow();
        assertThat(job.channel()).isEqualTo(Channel.SMS);
        assertThat(job.state()).isEqualTo("SENT");
        assertThat(jdbc.sql("select channel || ':' || outcome || ':' || coalesce(detail, '') from dispatch_attempt"
                        + " where job_id = ? and decision = 'ALLOW' order by id").param(job.id())
                .query(String.class).list())
                .satisfiesExactly(
                        push -> assertThat(push).startsWith("PUSH:PERMANENT:push gateway answered 410")
                                .contains("not registered", "Unregistered"),
                        sms -> assertThat(sms).startsWith("SMS:ACCEPTED"));
        assertThat(requestsFor(device)).hasSize(1);
    }

    @Test
    void retryAfterOfTheGatewayPutsTheJobBackNoEarlierThanItSays() {
        DispatchFixture f = new DispatchFixture(ledger, cycles, jdbc);
        String device = deviceToken();
        GATEWAY.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.to", equalTo(device)))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "900")));
        long a = f.account("Xu", List.of(new ContactPoint(ContactKind.PUSH, device, Set.of(Channel.PUSH),
                Set.of())));
        long action = f.plan(a, "PUSH", "PUSH", null, "overdue_notice");

        DispatchReport report = dispatch.runOnce(f.accounts);

        assertThat(report.retried()).isEqualTo(1);
        JobView job = dispatch.jobOf(action).orElseThrow();
        assertThat(job.state()).isEqualTo("PENDING");
        assertThat(job.lastResult()).isEqualTo("TRANSIENT");
        assertThat(job.reason()).startsWith("push gateway answered 429");
        // the back-off of a first failure is at most 30 s; the gateway asked for 15 minutes
        assertThat(job.dueAt()).isEqualTo(clock.instant().plusSeconds(900));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            201 | ACCEPTED  | {"id":"m-201"}
            202 | ACCEPTED  | {"messageId":"m-202"}
            400 | PERMANENT | push gateway rejected the message (400)
            401 | PERMANENT | push gateway refused our credentials (401): check arrears.contact.push.token
            403 | PERMANENT | push gateway refused our credentials (403)
            404 | PERMANENT | push gateway answered 404: the device's push token is not registered
            410 | PERMANENT | push gateway answered 410: the device's push token is not registered
            413 | PERMANENT | push gateway answered 413: the message is too large
            422 | PERMANENT | push gateway rejected the message (422)
            418 | PERMANENT | push gateway answered 418
            408 | TRANSIENT | push gateway answered 408
            425 | TRANSIENT | push gateway answered 425
            429 | TRANSIENT | push gateway answered 429
            500 | TRANSIENT | push gateway answered 500
            502 | TRANSIENT | push gateway answered 502
            503 | TRANSIENT | push gateway answered 503
            """)
    void gatewayStatusClassesMapToAcceptedTransientAndPermanent(int status, SendResult.Status expected,
                                                                String detail) {
        String device = deviceToken();
        answer(device, status, status < 300 ? detail : "{\"error\":\"status " + status + "\"}");
        Journal journal = new Journal();
        PushChannelSender sender = sender(PushProperties.of(GATEWAY.baseUrl() + PATH, TOKEN), journal);

        SendResult result = send(sender, device);

        assertThat(result.status()).isEqualTo(expected);
        if (expected == SendResult.Status.ACCEPTED) {
            assertThat(result.providerIds()).containsExactly("m-" + status);
            assertThat(journal.accepted).containsExactly("m-" + status);
        } else {
            assertThat(result.detail()).startsWith(detail).contains("status " + status).doesNotContain(TOKEN);
            assertThat(result.notBefore()).isNull();
            assertThat(journal.accepted).isEmpty();
        }
        assertThat(requestsFor(device)).hasSize(1);
    }

    @Test
    void acceptanceWithoutAnIdGetsAGeneratedOne() {
        String device = deviceToken();
        answer(device, 204, "");
        String other = deviceToken();
        answer(other, 200, "queued");
        PushChannelSender sender = sender(PushProperties.of(GATEWAY.baseUrl() + PATH, TOKEN), new Journal());

        SendResult empty = send(sender, device);
        SendResult notJson = send(sender, other);

        assertThat(empty.status()).isEqualTo(SendResult.Status.ACCEPTED);
        assertThat(empty.providerIds()).singleElement().asString().startsWith("push-");
        assertThat(notJson.providerIds()).singleElement().asString().startsWith("push-")
                .isNotEqualTo(empty.providerIds().getFirst());
    }

    @Test
    void retryAfterInSecondsOrAsADateBecomesTheNotBeforeAndHoldsBackTheRestOfTheBatch() {
        Instant now = clock.instant();
        String seconds = deviceToken();
        GATEWAY.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.to", equalTo(seconds)))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        String date = deviceToken();
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(300).atZone(ZoneOffset.UTC));
        GATEWAY.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.to", equalTo(date)))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", at)));
        String after = deviceToken();
        answer(after, 200, "{\"id\":\"never\"}");
        // one at a time, so that the messages after the 429 have not left when it comes back
        PushChannelSender sender = sender(PushProperties.of(GATEWAY.baseUrl() + PATH, TOKEN).withConcurrency(1),
                new Journal());

        List<SendResult> batch = sender.sendAll(List.of(cleared(seconds), cleared(after)));
        SendResult dated = send(sender, date);

        assertThat(batch.getFirst().status()).isEqualTo(SendResult.Status.TRANSIENT);
        assertThat(batch.getFirst().notBefore()).isEqualTo(now.plusSeconds(120));
        assertThat(batch.get(1).status()).isEqualTo(SendResult.Status.TRANSIENT);
        assertThat(batch.get(1).notBefore()).isEqualTo(now.plusSeconds(120));
        assertThat(batch.get(1).detail()).startsWith("not sent: the push gateway answered 429");
        assertThat(requestsFor(after)).as("held back, never sent").isEmpty();
        assertThat(dated.status()).isEqualTo(SendResult.Status.TRANSIENT);
        assertThat(dated.notBefore()).isEqualTo(now.plusSeconds(300));
    }

    @Test
    void noAnswerWithinTheTimeoutIsTransient() {
        String device = deviceToken();
        GATEWAY.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.to", equalTo(device)))
                .willReturn(okJson("{\"id\":\"late\"}").withFixedDelay(3_000)));
        PushChannelSender sender = sender(PushProperties.of(GATEWAY.baseUrl() + PATH, TOKEN)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)), new Journal());

        long start = System.nanoTime();
        SendResult result = send(sender, device);

        assertThat(result.status()).isEqualTo(SendResult.Status.TRANSIENT);
        assertThat(result.detail()).startsWith("no answer from the push gateway").contains("PT0.3S",
                "same Idempotency-Key");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void connectionResetBeforeAnAnswerIsTransient() {
        String device = deviceToken();
        GATEWAY.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.to", equalTo(device)))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        PushChannelSender sender = sender(PushProperties.of(GATEWAY.baseUrl() + PATH, TOKEN), new Journal());

        SendResult result = send(sender, device);

        assertThat(result.status()).isEqualTo(SendResult.Status.TRANSIENT);
        assertThat(result.detail()).contains("before an answer");
    }

    @Test
    void refusedConnectionIsTransient() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        PushChannelSender sender = sender(PushProperties.of("http://127.0.0.1:" + port + PATH, TOKEN),
                new Journal());

        SendResult result = send(sender, deviceToken());

        assertThat(result.status()).isEqualTo(SendResult.Status.TRANSIENT);
        assertThat(result.detail()).startsWith("cannot connect to the push gateway 127.0.0.1:" + port);
    }

    @Test
    void batchGoesSideBySideUpToTheConcurrencyAndAnswersInOrder() {
        List<String> devices = new ArrayList<>();
        List<Cleared> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String device = deviceToken();
            GATEWAY.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.to", equalTo(device)))
                    .willReturn(okJson("{\"id\":\"b-" + i + "\"}").withFixedDelay(400)));
            devices.add(device);
            batch.add(cleared(device));
        }
        Journal journal = new Journal();
        PushChannelSender sender = sender(PushProperties.of(GATEWAY.baseUrl() + PATH, TOKEN).withConcurrency(4),
                journal);

        long start = System.nanoTime();
        List<SendResult> results = sender.sendAll(batch);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).status()).isEqualTo(SendResult.Status.ACCEPTED);
            assertThat(results.get(i).providerIds()).containsExactly("b-" + i);
            assertThat(requestsFor(devices.get(i))).hasSize(1);
        }
        assertThat(journal.accepted).hasSize(12);
        // 12 answers of 400 ms, 4 at a time: at least 3 rounds (1.2 s); one at a time would take 4.8 s
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1_200)).isLessThan(Duration.ofMillis(4_500));
    }

    @Test
    void clearanceForAnotherContactIsRefusedBeforeAnythingIsSent() {
        String device = deviceToken();
        answer(device, 200, "{\"id\":\"x\"}");
        String key = "test:" + UUID.randomUUID();
        Clearance other = clearance(key + "-other");

        assertThatThrownBy(() -> live.send(other, message(key, device)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no valid compliance clearance");
        assertThat(requestsFor(device)).isEmpty();
    }

    @Test
    void settingsNeverShowTheTokenAndLiveModeNeedsAnHttpUrl() {
        PushProperties properties = PushProperties.of(GATEWAY.baseUrl() + PATH, TOKEN);

        assertThat(properties.toString()).doesNotContain(TOKEN).contains("token=(set)");
        assertThatThrownBy(() -> sender(PushProperties.of("", TOKEN), new Journal()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("arrears.contact.push.url");
        assertThatThrownBy(() -> sender(PushProperties.of("ftp://gateway/push", TOKEN), new Journal()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("http or https");
    }

    private PushChannelSender sender(PushProperties properties, ProviderIds ids) {
        return new PushChannelSender(properties, ids, clock);
    }

    private SendResult send(PushChannelSender sender, String device) {
        Cleared c = cleared(device);
        return sender.send(c.clearance(), c.message());
    }

    private Cleared cleared(String device) {
        String key = "test:" + UUID.randomUUID();
        return new Cleared(clearance(key), message(key, device));
    }

    private Clearance clearance(String key) {
        return guard.check(new ContactCheck(key, 1, 1, new Selection("CN", null, "TELECOM_POSTPAID",
                CollectorRole.FIRST_PARTY, DebtType.CONSUMER), Channel.PUSH, null, "1", null, null, null, true,
                null, Set.of(Channel.PUSH), null, null)).clearanceIfAllowed().orElseThrow();
    }

    private static OutboundMessage message(String key, String device) {
        return new OutboundMessage(key, 1, 1, Channel.PUSH, 1, 1, "zh-CN", device, "账单已逾期", "¥100.00已逾期34天",
                null, "{\"title\":\"账单已逾期\",\"body\":\"¥100.00已逾期34天\",\"accountId\":1,"
                + "\"template\":\"overdue_notice\",\"locale\":\"zh-CN\"}", null, 0, null);
    }

    /** A journal that only remembers the ids it was given. */
    private static final class Journal implements ProviderIds {

        final List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void accepted(OutboundMessage message, List<String> acceptedIds, int parts) {
            accepted.addAll(acceptedIds);
        }

        @Override
        public ProviderRecord lookup(String contactKey, Channel channel) {
            return ProviderRecord.UNKNOWN;
        }

        @Override
        public Set<String> known(Channel channel, Collection<String> providerIds) {
            return Set.of();
        }
    }
}
