package dev.arrears.contact.template;

import dev.arrears.contact.RenderContext;
import dev.arrears.contact.RenderedMessage;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rendering is far from the dispatch's bottleneck: the shipped overdue SMS (with segment counting) and the itemised
 * e-mail render at many times the dispatch targets (2,000 SMS/s, 500 e-mails/s) on one thread. The bounds are loose
 * so that a busy machine does not fail them; the measured rates are printed.
 */
class RenderingSpeedTest {

    private static final Samples.Setup SETUP = new Samples.Setup(
            "https://pay.example.com/portal/AQHh9bKNBs3p5dcGAAAAPExf",
            "https://pay.example.com/optout/AQHh9bKNBs3p5dcGAAAAPExf?channel=email",
            Map.of("en", "Demo Telecom", "zh-CN", "演示电信", "zh-TW", "示範電信"), "400 800 1234");

    @Test
    void rendersShippedSmsAndEmailsManyTimesFasterThanTheDispatchTargets() {
        CompiledTemplate sms = shipped("overdue_notice", Channel.SMS);
        CompiledTemplate email = shipped("overdue_notice_bill", Channel.EMAIL);
        RenderContext zh = Samples.typical("zh-CN", "CN-NIFA", SETUP);
        RenderContext en = Samples.typical("en", "US-REGF", SETUP);
        double smsPerSecond = rate(sms, zh, en, 200_000);
        double emailPerSecond = rate(email, zh, en, 50_000);
        System.out.printf("render sms per_second=%.0f email per_second=%.0f%n", smsPerSecond, emailPerSecond);
        assertThat(smsPerSecond).isGreaterThan(20_000);
        assertThat(emailPerSecond).isGreaterThan(5_000);
    }

    private static double rate(CompiledTemplate template, RenderContext a, RenderContext b, int n) {
        long length = 0;
        for (int i = 0; i < n / 10; i++) { // warm up
            length += template.render((i & 1) == 0 ? a : b).locale().length();
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            RenderedMessage m = template.render((i & 1) == 0 ? a : b);
            length += m.body() != null ? m.body().length() : m.html().length();
        }
        long nanos = System.nanoTime() - start;
        assertThat(length).isPositive();
        return n / (nanos / 1e9);
    }

    @SuppressWarnings("unchecked")
    private static CompiledTemplate shipped(String name, Channel channel) {
        try (InputStream in = RenderingSpeedTest.class.getResourceAsStream("/templates-shipped/" + name + ".yaml")) {
            Map<String, Object> file = new org.yaml.snakeyaml.Yaml().load(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
            Map<String, Object> body = (Map<String, Object>) file.get(channel.name());
            Map<String, Map<Field, String>> texts = new LinkedHashMap<>();
            for (String locale : Locales.ALL) {
                Map<Field, String> parts = new EnumMap<>(Field.class);
                ((Map<String, String>) body.get(locale))
                        .forEach((k, v) -> parts.put(Field.named(k), v.stripTrailing()));
                texts.put(locale, parts);
            }
            return CompiledTemplate.compile(1, name, channel, 1, (Integer) body.get("maxSegments"), texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
