package dev.arrears.cli;

import dev.arrears.compliance.ComplianceJson;
import dev.arrears.compliance.JurisdictionProfiles;
import dev.arrears.compliance.domain.ContactRequest;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code arrears compliance …}: the compliance guard from the command line. */
@Command(name = "compliance", mixinStandardHelpOptions = true, description = "Asks the compliance guard.",
        subcommands = {ComplianceCommand.Evaluate.class})
class ComplianceCommand implements Runnable {

    /** The environment variable that names the profiles directory when neither the option nor the property does. */
    static final String PROFILES_DIR_ENV = "ARREARS_COMPLIANCE_PROFILES_DIR";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * {@code arrears compliance evaluate --file REQUEST.json}: prints the verdict JSON on one line, exit code 0
     * whatever the decision. Evaluation is pure, so it needs neither the database nor the application: the
     * profiles are the shipped ones and the overrides of {@code --profiles-dir} (else the system property
     * {@code arrears.compliance.profiles-dir}, else ARREARS_COMPLIANCE_PROFILES_DIR). A malformed request is exit
     * code 2 with each bad field on stderr ({@code /channel: 'FAX' is not one of …}); a broken profile file is 1.
     */
    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Evaluates a contact request (JSON, see docs/compliance.md) and prints the verdict JSON.")
    static class Evaluate implements Callable<Integer> {

        @Option(names = "--file", required = true, paramLabel = "REQUEST.json", description = "The request, as JSON.")
        Path file;

        @Option(names = "--profiles-dir", paramLabel = "DIR",
                description = "A directory of profile files that replace or add to the shipped ones.")
        String profilesDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(file, profilesDir != null ? profilesDir : configuredProfilesDir(),
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    /** Returns the profiles directory the property or the environment names, or null. */
    static String configuredProfilesDir() {
        String property = System.getProperty(JurisdictionProfiles.PROPERTY);
        return property != null && !property.isBlank() ? property : System.getenv(PROFILES_DIR_ENV);
    }

    /** Evaluates the request in a file and prints the verdict; returns the exit code. */
    static int run(Path file, String profilesDir, PrintWriter out, PrintWriter err) {
        try {
            if (!Files.isRegularFile(file)) {
                err.println("--file: no such file: " + file);
                return 2;
            }
            JsonNode tree;
            try {
                tree = MAPPER.readTree(Files.readAllBytes(file));
            } catch (JacksonException e) {
                err.println(file + ": not valid JSON: " + firstLine(e.getOriginalMessage()));
                return 2;
            } catch (IOException e) {
                err.println(file + ": cannot be read: " + e.getMessage());
                return 2;
            }
            JurisdictionProfiles profiles;
            try {
                profiles = JurisdictionProfiles.load(profilesDir);
            } catch (IllegalStateException e) {
                err.println(e.getMessage());
                return 1;
            }
            try {
                ContactRequest request = ComplianceJson.request(tree, profiles.ids());
                Verdict verdict = profiles.require(request.jurisdiction()).evaluate(request);
                out.println(MAPPER.writeValueAsString(ComplianceJson.verdict(verdict)));
                return 0;
            } catch (InvalidInputException e) {
                for (FieldError error : e.errors()) {
                    err.println((error.pointer() == null || error.pointer().isEmpty() ? "(request)" : error.pointer())
                            + ": " + error.detail());
                }
                return 2;
            }
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
