package dev.arrears.strategy;

import dev.arrears.strategy.domain.ActionKind;
import dev.arrears.strategy.domain.FactCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/strategies.md keeps up with the code: every fact, action and shipped template has its table row. */
class StrategyDocsTest {

    static List<String> lines() throws IOException {
        String root = System.getenv("ARREARS_REPO_ROOT");
        return Files.readAllLines(Path.of(root == null || root.isBlank() ? "." : root, "docs", "strategies.md"));
    }

    static String row(List<String> lines, String first) {
        return lines.stream().filter(l -> l.startsWith("| `" + first + "` |")).findFirst().orElse(null);
    }

    @Test
    void everyFact_hasARowWithItsTypeAndMeaning() throws IOException {
        List<String> lines = lines();
        for (FactCatalog.Fact fact : FactCatalog.all()) {
            String row = row(lines, fact.name());
            assertThat(row).as(fact.name()).isNotNull().contains(" | " + fact.meaning() + " |")
                    .contains("| " + fact.type().name());
        }
    }

    @Test
    void everyActionAndShippedTemplate_hasARow() throws IOException {
        List<String> lines = lines();
        for (ActionKind action : ActionKind.values()) {
            assertThat(row(lines, action.name())).as(action.name()).isNotNull();
        }
        ShippedTemplates.all().forEach((name, actions) -> assertThat(row(lines, name)).as(name).isNotNull()
                .contains("| " + String.join(", ", actions.stream().map(Enum::name).toList()) + " |"));
    }
}
