package dev.arrears.compliance;

import dev.arrears.compliance.domain.ProfileSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the selection table comes from: the shipped one, a file that overrides it, profile swaps, bad tables. */
class SelectionConfigurationTest {

    private final SelectionConfiguration configuration = new SelectionConfiguration();
    private final DefaultResourceLoader resources = new DefaultResourceLoader();

    @TempDir
    Path folder;

    @Test
    void noFileConfigured_readsTheShippedTable() {
        ProfileSelector selector = configuration.profileSelector(resources, "", "");

        assertThat(selector.select("US", null, "TELECOM_POSTPAID", "AGENCY", null).profile()).isEqualTo("US-REGF");
    }

    @Test
    void fileConfigured_overridesTheShippedTable_andSubstitutionsApply() throws IOException {
        Path file = folder.resolve("selection.yaml");
        Files.writeString(file, """
                rules:
                  - name: hong-kong
                    when: {country: HK}
                    profile: CN-NIFA
                  - name: fallback
                    profile: UK-FCA
                """);

        ProfileSelector selector = configuration.profileSelector(resources, file.toString(),
                "CN-NIFA=CN-NIFA-2018");

        assertThat(selector.select("HK", null, null, null, null).profile()).isEqualTo("CN-NIFA-2018");
        assertThat(selector.select("US", null, null, "AGENCY", null).profile()).isEqualTo("UK-FCA");
    }

    @Test
    void invalidTable_stopsTheStartNamingTheField() throws IOException {
        Path file = folder.resolve("bad.yaml");
        Files.writeString(file, "rules: [{name: f, when: {country: ZZ}, profile: US-REGF}]\n");

        assertThatThrownBy(() -> configuration.profileSelector(resources, "file:" + file, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/rules/0/when/country");
    }

    @Test
    void missingFileOrBadSubstitution_stopsTheStart() {
        assertThatThrownBy(() -> configuration.profileSelector(resources, folder.resolve("none.yaml").toString(), ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read the profile selection table");
        assertThatThrownBy(() -> configuration.profileSelector(resources, "", "CN-NIFA"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("arrears.compliance.profile-substitutions");
    }
}
