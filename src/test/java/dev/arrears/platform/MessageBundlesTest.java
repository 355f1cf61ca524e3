package dev.arrears.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every page label exists in all three languages: a key missing from a bundle would show in English there. */
class MessageBundlesTest {

    private static Set<String> keys(String bundle) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/" + bundle)) {
            assertThat(in).as(bundle).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(p.stringPropertyNames());
    }

    @Test
    void theThreeBundlesHaveTheSameKeys() throws IOException {
        Set<String> en = keys("messages.properties");
        assertThat(keys("messages_zh_CN.properties")).as("zh-CN").containsExactlyElementsOf(en);
        assertThat(keys("messages_zh_TW.properties")).as("zh-TW").containsExactlyElementsOf(en);
    }
}
