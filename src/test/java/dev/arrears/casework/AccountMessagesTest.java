package dev.arrears.casework;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every label of the account page's actions, timeline details and the problems shown beside its fields is in all
 * three languages' bundles, none left in English.
 */
class AccountMessagesTest {

    private static final String[] PREFIXES = {"act.", "promiseChannel.", "outcome.", "result.", "timeline.",
            "account.timeline", "problem.", "frequency."};

    @Test
    void everyActionAndTimelineLabelIsInEveryLanguage() throws IOException {
        Properties en = bundle("messages.properties");
        Set<String> keys = new TreeSet<>();
        for (String key : en.stringPropertyNames()) {
            for (String prefix : PREFIXES) {
                if (key.startsWith(prefix)) {
                    keys.add(key);
                }
            }
        }
        assertThat(keys).hasSizeGreaterThan(80);
        for (String name : new String[]{"messages_zh_CN.properties", "messages_zh_TW.properties"}) {
            Properties zh = bundle(name);
            assertThat(zh.stringPropertyNames()).as(name).containsAll(keys);
            // a Chinese label equal to the English one was forgotten
            assertThat(keys.stream().filter(k -> zh.getProperty(k).equals(en.getProperty(k)))).as(name).isEmpty();
        }
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = AccountMessagesTest.class.getResourceAsStream("/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
