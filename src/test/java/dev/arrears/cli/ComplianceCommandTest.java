package dev.arrears.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code arrears compliance evaluate --file}: the verdict JSON on stdout and exit 0; malformed input exit 2. */
class ComplianceCommandTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new ArrearsCommand());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private String file(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json).toString();
    }

    @Test
    void printsTheVerdictJsonAndExitsZeroWhateverTheDecision() throws IOException {
        String defer = file("defer.json", """
                {"jurisdiction": "US-REGF", "channel": "CALL", "at": "2026-04-13T11:00:00Z",
                 "debtor": {"timeZones": ["America/New_York"]}}""");
        String block = file("block.json", """
                {"jurisdiction": "UK-FCA", "channel": "LETTER", "at": "2026-04-13T11:00:00Z",
                 "debtor": {"flags": ["BREATHING_SPACE"]}}""");

        assertThat(run("compliance", "evaluate", "--file", defer)).as(err.toString()).isZero();
        JsonNode deferred = MAPPER.readTree(out.toString());
        assertThat(deferred.get("decision").asString()).isEqualTo("DEFER");
        assertThat(deferred.get("notBefore").asString()).isEqualTo("2026-04-13T12:00:00Z");
        assertThat(deferred.get("reasons").get(0).get("rule").asString()).isEqualTo("US-REGF/contact-window");

        out.getBuffer().setLength(0);
        assertThat(run("compliance", "evaluate", "--file", block)).isZero();
        assertThat(out.toString().strip()).startsWith("{\"decision\":\"BLOCK\",\"reasons\":[{\"rule\":"
                + "\"UK-FCA/breathing-space\"");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void namesEveryBadFieldOnStderrAndExitsTwo() throws IOException {
        String bad = file("bad.json", """
                {"jurisdiction": "US-REGF", "channel": "FAX", "at": "2026-04-13T11:00:00Z",
                 "debtor": {"timeZones": ["Mars/Olympus"]}}""");

        int code = run("compliance", "evaluate", "--file", bad);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "/channel: 'FAX' is not one of SMS, CALL, EMAIL, PUSH, LETTER, VISIT",
                "/debtor/timeZones/0: unknown time zone 'Mars/Olympus'; use an IANA id such as America/New_York");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void refusesAnUnknownProfileAMissingFileAndBrokenJsonWithExitTwo() throws IOException {
        String unknown = file("unknown.json", """
                {"jurisdiction": "XX", "channel": "CALL", "at": "2026-04-13T11:00:00Z"}""");
        String broken = file("broken.json", "{\"jurisdiction\": ");

        assertThat(run("compliance", "evaluate", "--file", unknown)).isEqualTo(2);
        assertThat(err.toString()).contains("/jurisdiction: unknown jurisdiction profile 'XX'");
        assertThat(run("compliance", "evaluate", "--file", dir.resolve("absent.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--file: no such file");
        assertThat(run("compliance", "evaluate", "--file", broken)).isEqualTo(2);
        assertThat(err.toString()).contains("broken.json: not valid JSON");
        assertThat(run("compliance", "evaluate")).isEqualTo(2);
        assertThat(err.toString()).contains("--file");
    }

    @Test
    void usesTheProfilesOfAnOverrideDirectory() throws IOException {
        Path profiles = Files.createDirectory(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("uk.yaml"), """
                id: UK-FCA
                version: 9
                title: UK, mornings only
                window: { start: "08:00", end: "12:00" }
                defaultZones: [Europe/London]
                rules: { contact-window: { citation: "house" }, hold: { citation: "house" } }
                """);
        String request = file("uk.json", """
                {"jurisdiction": "UK-FCA", "channel": "CALL", "at": "2026-04-13T12:00:00Z"}""");

        assertThat(run("compliance", "evaluate", "--file", request, "--profiles-dir", profiles.toString())).isZero();
        assertThat(MAPPER.readTree(out.toString()).get("notBefore").asString()).isEqualTo("2026-04-14T07:00:00Z");

        Files.writeString(profiles.resolve("broken.yaml"), "id: [");
        assertThat(run("compliance", "evaluate", "--file", request, "--profiles-dir", profiles.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("broken.yaml line 1");
    }
}
