package dev.arrears;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Drives {@code ./arrears} as a newcomer would, in a copy of the project (so that the launcher's own build does
 * not race the Maven build running this test) with the embedded database in fresh data directories.
 */
@Tag("integration")
class LauncherTest {

    private static final long BUILD_MINUTES = 15;
    private static final long COMMAND_MINUTES = 5;

    @TempDir
    static Path work;

    private static Path project;

    @BeforeAll
    static void copyProject() throws IOException {
        Path root = repositoryRoot();
        project = work.resolve("arrears");
        for (String item : List.of("arrears", "mvnw", "pom.xml", ".mvn", "src/main")) {
            copy(root.resolve(item), project.resolve(item));
        }
    }

    @Test
    void helpListsTheServeCommand() throws Exception {
        Run help = run(BUILD_MINUTES, Map.of(), "--help");

        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.stdout()).contains("serve");
        assertThat(Files.isRegularFile(project.resolve("target/arrears.jar"))).isTrue();
    }

    @Test
    void sameSeedGivesTheSameAgingTotalsOnTwoFreshDatabases() throws Exception {
        requireCommand("demo");
        requireCommand("aging");

        List<String> first = demoThenAging(work.resolve("data-1"));
        List<String> second = demoThenAging(work.resolve("data-2"));

        assertThat(first).as("TOTAL lines of ./arrears aging").isNotEmpty();
        assertThat(first).anyMatch(l -> l.matches(".*balance=\\S*[1-9].*"));
        assertThat(second).isEqualTo(first);
    }

    /** Loads the demo into a fresh embedded database and returns the TOTAL lines of its aging. */
    private static List<String> demoThenAging(Path dataDir) throws Exception {
        Map<String, String> env = Map.of("ARREARS_JAVA_OPTS", "-Darrears.db.embedded.data-dir=" + dataDir);
        Run demo = run(COMMAND_MINUTES, env, "demo", "--customers", "300", "--seed", "7", "--as-of", "2026-06-30");
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        // the year was replayed through the cycle: cases opened, actions planned, customers answered
        assertThat(demo.stdout()).as(demo.toString())
                .containsPattern("replay days=365 cases=[1-9][0-9]* actions=[1-9][0-9]* paid_after_contact=[1-9]");
        Run aging = run(COMMAND_MINUTES, env, "aging", "--as-of", "2026-06-30");
        assertThat(aging.exitCode()).as(aging.toString()).isZero();
        return aging.stdout().lines().filter(l -> l.startsWith("TOTAL ")).toList();
    }

    /** Skips (or fails, when ARREARS_REQUIRE_ALL is true) while a command is not listed by {@code --help} yet. */
    private static void requireCommand(String command) throws Exception {
        Run help = run(BUILD_MINUTES, Map.of(), command, "--help");
        boolean listed = run(BUILD_MINUTES, Map.of(), "--help").stdout().lines()
                .anyMatch(l -> l.matches("\\s+" + command + "\\b.*"));
        // picocli answers "--help" after an unknown command with the top-level usage and exit 0.
        if (!listed || help.exitCode() != 0) {
            String message = "'./arrears " + command + "' is not there yet (not listed by ./arrears --help)";
            if (Boolean.parseBoolean(System.getenv("ARREARS_REQUIRE_ALL"))) {
                fail(message + "\n" + help);
            }
            throw new TestAbortedException(message);
        }
    }

    private static Run run(long timeoutMinutes, Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(project.resolve("arrears").toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        // Run from elsewhere: the launcher must find its own directory.
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        // The launcher's default is the embedded database; a server named for the test JVM is not for it.
        env.keySet().removeIf(k -> k.startsWith("ARREARS_DB_"));
        env.remove("ARREARS_JAVA_OPTS");
        env.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        env.putAll(extraEnv);
        Process process = builder.start();
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("./arrears " + String.join(" ", args) + " did not finish in " + timeoutMinutes + " minutes");
        }
        return new Run(String.join(" ", args), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(p -> {
                Path target = to.resolve(from.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static Path repositoryRoot() {
        String root = System.getenv("ARREARS_REPO_ROOT");
        return Path.of(root == null || root.isBlank() ? "." : root).toAbsolutePath().normalize();
    }

    private record Run(String command, int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "./arrears " + command + " exited " + exitCode + "\n--- stdout\n" + tail(stdout) + "\n--- stderr\n"
                    + tail(stderr);
        }

        private static String tail(String text) {
            return text.length() > 4000 ? "…" + text.substring(text.length() - 4000) : text;
        }
    }
}
