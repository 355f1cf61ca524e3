package dev.arrears;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the module boundaries declared in each package-info and writes the module diagrams to docs/modules. */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(ArrearsApplication.class);

    @Test
    void modulesRespectTheirDeclaredDependencies() {
        MODULES.verify();
    }

    @Test
    void findsTheBusinessModules() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("shared", "platform", "ledger", "demo", "cli", "casework");
    }

    @Test
    void writesModuleDiagramsToDocs() throws Exception {
        Path folder = repositoryRoot().resolve("docs/modules");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder.toString()))
                .writeDocumentation();
        assertThat(folder.resolve("components.puml")).isNotEmptyFile();
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("module-ledger.puml");
        }
    }

    private static Path repositoryRoot() {
        String root = System.getenv("ARREARS_REPO_ROOT");
        return Path.of(root == null || root.isBlank() ? "." : root);
    }
}
