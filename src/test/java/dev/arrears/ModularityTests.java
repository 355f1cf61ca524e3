package dev.arrears;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

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
        sortRelations(folder);
        assertThat(folder.resolve("components.puml")).isNotEmptyFile();
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("module-ledger.puml");
        }
    }

    /**
     * Sorts the relation lines of each diagram and each run of list items in the module pages: Documenter writes
     * them in varying order, which churns git.
     */
    private static void sortRelations(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".puml")).toList()) {
                List<String> lines = Files.readAllLines(file);
                List<String> relations = lines.stream().filter(l -> l.startsWith("Rel(")).sorted().toList();
                Iterator<String> sorted = relations.iterator();
                List<String> result = lines.stream().map(l -> l.startsWith("Rel(") ? sorted.next() : l).toList();
                Files.write(file, result);
            }
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("module-")
                    && p.toString().endsWith(".adoc")).toList()) {
                Files.write(file, sortListRuns(Files.readAllLines(file)));
            }
        }
    }

    /** Sorts each run of consecutive list items ({@code * …}, or {@code |* …} opening a table cell) by their text. */
    private static List<String> sortListRuns(List<String> lines) {
        List<String> out = new java.util.ArrayList<>(lines.size());
        int i = 0;
        while (i < lines.size()) {
            if (!isItem(lines.get(i))) {
                out.add(lines.get(i++));
                continue;
            }
            List<String> run = new java.util.ArrayList<>();
            boolean cell = lines.get(i).startsWith("|");
            while (i < lines.size() && isItem(lines.get(i)) && (run.isEmpty() || !lines.get(i).startsWith("|"))) {
                run.add(lines.get(i++).replaceFirst("^\\|", ""));
            }
            run.sort(null);
            if (cell) {
                run.set(0, "|" + run.getFirst());
            }
            out.addAll(run);
        }
        return out;
    }

    private static boolean isItem(String line) {
        return line.startsWith("* ") || line.startsWith("|* ");
    }

    private static Path repositoryRoot() {
        String root = System.getenv("ARREARS_REPO_ROOT");
        return Path.of(root == null || root.isBlank() ? "." : root);
    }
}
