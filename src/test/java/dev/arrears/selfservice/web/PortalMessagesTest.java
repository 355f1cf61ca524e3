package dev.arrears.selfservice.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every label of the customer's portal is in all three languages' bundles, and none is left in English. */
class PortalMessagesTest {

    @Test
    void everyPortalLabelIsInEveryLanguage() throws IOException {
        Properties en = bundle("messages.properties");
        Set<String> keys = new TreeSet<>();
        en.stringPropertyNames().stream().filter(k -> k.startsWith("portal.")).forEach(keys::add);
        assertThat(keys).hasSizeGreaterThan(100);
        for (String name : new String[]{"messages_zh_CN.properties", "messages_zh_TW.properties"}) {
            Properties zh = bundle(name);
            assertThat(zh.stringPropertyNames()).as(name).containsAll(keys);
            // a Chinese label that equals the English one was forgotten (language names are the same everywhere)
            assertThat(keys.stream().filter(k -> !k.startsWith("portal.lang.") && zh.getProperty(k).equals(
                    en.getProperty(k)))).as(name).isEmpty();
        }
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = PortalMessagesTest.class.getResourceAsStream("/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
