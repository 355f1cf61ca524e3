package dev.arrears.compliance;

import dev.arrears.compliance.domain.Profile;
import dev.arrears.compliance.domain.RuleId;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/compliance.md keeps up with the shipped profiles: every profile, rule and citation has its table row. */
class ComplianceDocsTest {

    private static final JurisdictionProfiles SHIPPED = JurisdictionProfiles.load(null);

    static List<String> lines() throws IOException {
        String root = System.getenv("ARREARS_REPO_ROOT");
        return Files.readAllLines(Path.of(root == null || root.isBlank() ? "." : root, "docs", "compliance.md"));
    }

    static String row(List<String> lines, String first) {
        return lines.stream().filter(l -> l.startsWith("| `" + first + "` |")).findFirst().orElse(null);
    }

    @Test
    void everyShippedProfile_hasARowWithItsTitleAndWindow() throws IOException {
        List<String> lines = lines();
        for (Profile profile : SHIPPED.all()) {
            assertThat(row(lines, profile.id())).as(profile.id()).isNotNull()
                    .contains("| " + profile.title() + " |")
                    .contains(profile.window().start() + " ≤ t < " + profile.window().end());
        }
    }

    @Test
    void everyRuleOfEveryProfile_hasARowWithItsCitation_andNoOtherRowsExist() throws IOException {
        List<String> lines = lines();
        int rows = 0;
        for (Profile profile : SHIPPED.all()) {
            for (var rule : profile.rules().entrySet()) {
                String name = profile.ruleName(rule.getKey());
                assertThat(row(lines, name)).as(name).isNotNull().contains("| " + rule.getValue().citation() + " |");
                rows++;
            }
        }
        assertThat(lines.stream().filter(l -> l.matches("\\| `[A-Z0-9-]+/[a-z0-9-]+` \\|.*"))).hasSize(rows);
    }

    @Test
    void everyRule_isDescribed() throws IOException {
        List<String> lines = lines();
        for (RuleId rule : RuleId.values()) {
            assertThat(row(lines, rule.suffix())).as(rule.suffix()).isNotNull();
        }
    }
}
