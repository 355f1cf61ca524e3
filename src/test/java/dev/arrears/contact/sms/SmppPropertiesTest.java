package dev.arrears.contact.sms;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmppPropertiesTest {

    private static SmppProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("arrears.sms.smpp", SmppProperties.class);
    }

    @Test
    void defaultsNeedOnlyTheSmsc() {
        SmppProperties properties = bind(Map.of());

        assertThat(properties).usingRecursiveComparison()
                .isEqualTo(SmppProperties.of("localhost", 2775, "arrears", ""));
        assertThat(properties.window()).isEqualTo(50);
        assertThat(properties.deliveryReceipts()).isTrue();
        assertThat(properties.packedGsm7()).isFalse();
    }

    @Test
    void bindsKebabCaseSettings() {
        SmppProperties properties = bind(Map.of(
                "arrears.sms.smpp.host", "smsc.example.net",
                "arrears.sms.smpp.port", "3700",
                "arrears.sms.smpp.system-id", "acme",
                "arrears.sms.smpp.password", "s3cret",
                "arrears.sms.smpp.source-address", "10086",
                "arrears.sms.smpp.window", "80",
                "arrears.sms.smpp.throttle-backoff", "250ms",
                "arrears.sms.smpp.enquire-link-interval", "15s",
                "arrears.sms.smpp.bind-retry", "2s",
                "arrears.sms.smpp.smsc-zone", "Asia/Shanghai"));

        assertThat(properties.host()).isEqualTo("smsc.example.net");
        assertThat(properties.port()).isEqualTo(3700);
        assertThat(properties.systemId()).isEqualTo("acme");
        assertThat(properties.password()).isEqualTo("s3cret");
        assertThat(properties.sourceAddress()).isEqualTo("10086");
        assertThat(properties.window()).isEqualTo(80);
        assertThat(properties.throttleBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(properties.enquireLinkInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(properties.bindRetry()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.smscZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(properties.toString()).doesNotContain("s3cret");
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThatThrownBy(() -> SmppProperties.of("localhost", 2775, "a", "b").withWindow(0))
                .hasMessageContaining("arrears.sms.smpp.window must be at least 1");
    }
}
