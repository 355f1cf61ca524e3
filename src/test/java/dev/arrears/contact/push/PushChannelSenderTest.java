package dev.arrears.contact.push;

import dev.arrears.contact.channel.OutboundMessage;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The push sender's pure parts: the request body, the gateway's id in its answer, and Retry-After. */
class PushChannelSenderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

    private static OutboundMessage message(String device, String payload) {
        return new OutboundMessage("planned-action:7", 1, 1, Channel.PUSH, 42, 9, "zh-TW", device, "帳單已逾期",
                "CN¥100.00已逾期34天，點擊查看明細並繳款。", null, payload, null, 0, null);
    }

    @Test
    void bodyCarriesTheDeviceTokenAndTheRenderedPayloadInUtf8() {
        byte[] body = PushChannelSender.body(message("dev-\"1\"", "{\"title\":\"帳單已逾期\",\"body\":\"點擊\\n查看\","
                + "\"accountId\":42,\"template\":\"overdue_notice\",\"locale\":\"zh-TW\"}"));

        JsonNode json = JsonMapper.builder().build().readTree(new String(body, StandardCharsets.UTF_8));
        assertThat(json.path("to").asString()).isEqualTo("dev-\"1\"");
        assertThat(json.path("message").path("title").asString()).isEqualTo("帳單已逾期");
        assertThat(json.path("message").path("body").asString()).isEqualTo("點擊\n查看");
        assertThat(json.path("message").path("accountId").asLong()).isEqualTo(42);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("帳單已逾期");
    }

    @Test
    void messageWithoutPayloadIsBuiltFromTitleAndText() {
        JsonNode json = JsonMapper.builder().build().readTree(PushChannelSender.body(message("dev-1", null)));

        assertThat(json.path("message").path("title").asString()).isEqualTo("帳單已逾期");
        assertThat(json.path("message").path("body").asString()).startsWith("CN¥100.00");
        assertThat(json.path("message").path("locale").asString()).isEqualTo("zh-TW");
    }

    @Test
    void messageWithoutDeviceTokenOrWithBrokenPayloadCannotBeBuilt() {
        assertThatThrownBy(() -> PushChannelSender.body(message(" ", null))).hasMessageContaining("no push token");
        assertThatThrownBy(() -> PushChannelSender.body(message("dev-1", "[1]"))).hasMessageContaining("JSON object");
    }

    @Test
    void gatewayIdIsTakenFromIdMessageIdOrMessage_id() {
        assertThat(PushChannelSender.providerId("{\"id\":\"a1\"}")).contains("a1");
        assertThat(PushChannelSender.providerId("{\"messageId\":\"b2\"}")).contains("b2");
        assertThat(PushChannelSender.providerId("{\"message_id\":77}")).contains("77");
        assertThat(PushChannelSender.providerId("{\"id\":null}")).isEmpty();
        assertThat(PushChannelSender.providerId("{\"id\":{\"x\":1}}")).isEmpty();
        assertThat(PushChannelSender.providerId("accepted")).isEmpty();
        assertThat(PushChannelSender.providerId("")).isEmpty();
    }

    @Test
    void retryAfterIsReadAsSecondsOrDateAndCappedAtAnHour() {
        assertThat(PushChannelSender.retryAfter(Optional.of("30"), NOW)).isEqualTo(NOW.plusSeconds(30));
        assertThat(PushChannelSender.retryAfter(Optional.of(" 0 "), NOW)).isEqualTo(NOW);
        assertThat(PushChannelSender.retryAfter(Optional.of("Mon, 23 Nov 2026 04:10:00 GMT"), NOW))
                .isEqualTo(NOW.plusSeconds(600));
        assertThat(PushChannelSender.retryAfter(Optional.of("86400"), NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(PushChannelSender.retryAfter(Optional.of("99999999999999999999999"), NOW))
                .isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(PushChannelSender.retryAfter(Optional.of("Sun, 22 Nov 2026 04:00:00 GMT"), NOW)).isEqualTo(NOW);
        assertThat(PushChannelSender.retryAfter(Optional.of("soon"), NOW)).isNull();
        assertThat(PushChannelSender.retryAfter(Optional.of("-5"), NOW)).isNull();
        assertThat(PushChannelSender.retryAfter(Optional.empty(), NOW)).isNull();
    }
}
