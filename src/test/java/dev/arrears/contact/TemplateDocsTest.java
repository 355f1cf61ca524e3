package dev.arrears.contact;

import dev.arrears.contact.template.Variables;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/templates.md keeps up with the code: every variable and every shipped template has its table row. */
class TemplateDocsTest {

    static List<String> lines() throws IOException {
        String root = System.getenv("ARREARS_REPO_ROOT");
        return Files.readAllLines(Path.of(root == null || root.isBlank() ? "." : root, "docs", "templates.md"));
    }

    static String row(List<String> lines, String first) {
        return lines.stream().filter(l -> l.startsWith("| `" + first + "` |")).findFirst().orElse(null);
    }

    @Test
    void everyVariableHasARowWithItsKindScopeAndMeaning() throws IOException {
        List<String> lines = lines();
        for (Variables.Variable v : Variables.all()) {
            assertThat(row(lines, v.name())).as(v.name()).isNotNull()
                    .startsWith("| `" + v.name() + "` | " + v.kind().name().toLowerCase(Locale.ROOT) + " | "
                            + v.scope().name().toLowerCase(Locale.ROOT) + " | " + v.description() + " |");
        }
    }

    @Test
    void everyShippedTemplateHasARowWithItsChannels() throws IOException {
        List<String> lines = lines();
        ShippedTemplateFiles.all().stream().map(ShippedTemplateFiles.Shipped::name).distinct().forEach(name -> {
            String channels = String.join(", ", ShippedTemplateFiles.all().stream()
                    .filter(s -> s.name().equals(name)).map(s -> s.channel().name()).toList());
            assertThat(row(lines, name)).as(name).isNotNull().contains("| " + channels + " |");
        });
    }
}
