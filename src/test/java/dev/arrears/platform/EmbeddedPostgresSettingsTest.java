package dev.arrears.platform;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresSettingsTest {

    @Test
    void extraSettingsAreNameValuePairsSeparatedBySemicolons() {
        assertThat(EmbeddedPostgresServer.extraSettings(
                " shared_preload_libraries=pg_stat_statements ; log_lock_waits = on;;"))
                .containsExactly(Map.entry("shared_preload_libraries", "pg_stat_statements"),
                        Map.entry("log_lock_waits", "on"));
        assertThat(EmbeddedPostgresServer.extraSettings("")).isEmpty();
        assertThat(EmbeddedPostgresServer.extraSettings("search_path=a,b")).containsEntry("search_path", "a,b");
    }

    @Test
    void aPairWithoutANameIsRefusedWithItsText() {
        assertThatThrownBy(() -> EmbeddedPostgresServer.extraSettings("log_lock_waits=on; nonsense"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"nonsense\" is not name=value");
        assertThatThrownBy(() -> EmbeddedPostgresServer.extraSettings("=on"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
