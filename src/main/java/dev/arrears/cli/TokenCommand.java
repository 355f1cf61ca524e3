package dev.arrears.cli;

import dev.arrears.platform.ApiTokens;
import dev.arrears.platform.ApiTokens.CreatedToken;
import dev.arrears.platform.ApiTokens.TokenView;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code arrears token …}: API tokens for integrations, made by the operator (the actor "cli" in the audit trail).
 * {@code create} prints the token once, on stdout alone, and its details on stderr; only its SHA-256 is stored.
 * Exit codes: 0 done, 2 bad input (the option is named).
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Creates, lists and revokes API tokens (Authorization: Bearer arr_…; see docs/payments.md).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
class TokenCommand implements Runnable {

    static final String ACTOR = "cli";

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** {@code arrears token create --name N --scope S [--scope S2 | --scope S,S2]}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a token and prints it once.")
    static class Create implements Callable<Integer> {

        @Option(names = "--name", required = true, description = "What the token is for, e.g. billing-sync.")
        String name;

        @Option(names = "--scope", required = true, split = ",", paramLabel = "SCOPE",
                description = "read, payments:write or imports:write; repeat or separate with commas.")
        List<String> scopes = new ArrayList<>();

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
                ApiTokens tokens = context.getBean(ApiTokens.class);
                return create((n, s) -> tokens.create(n, s, ACTOR), name, scopes, System.out, System.err);
            }
        }

        /** Creates a token: the token alone on {@code out}, its details or the bad options on {@code err}. */
        static int create(java.util.function.BiFunction<String, List<String>, CreatedToken> tokens, String name,
                          List<String> scopes, java.io.PrintStream out, java.io.PrintStream err) {
            try {
                CreatedToken created = tokens.apply(name, scopes);
                out.println(created.token());
                TokenView v = created.view();
                err.println("created token id=" + v.id() + " name=" + v.name() + " scopes="
                        + String.join(",", v.scopes()) + " (shown once: store it now)");
                return 0;
            } catch (InvalidInputException e) {
                for (FieldError error : e.errors()) {
                    err.println("--" + option(error.pointer()) + ": " + error.detail());
                }
                return 2;
            }
        }

        private static String option(String pointer) {
            return pointer != null && pointer.startsWith("/scopes") ? "scope" : "name";
        }
    }

    /** {@code arrears token list}: one line per token, never the token itself. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists tokens.")
    static class ListTokens implements Callable<Integer> {

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
                for (TokenView v : context.getBean(ApiTokens.class).list()) {
                    System.out.println("id=" + v.id() + " name=" + v.name() + " prefix=" + v.prefix() + " scopes="
                            + String.join(",", v.scopes()) + " created=" + v.createdAt() + " last_used="
                            + v.lastUsedAt() + (v.active() ? "" : " revoked=" + v.revokedAt()));
                }
                return 0;
            }
        }
    }

    /** {@code arrears token revoke ID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a token.")
    static class Revoke implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "The token's id (see token list).")
        long id;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
                TokenView v = context.getBean(ApiTokens.class).revoke(id, ACTOR);
                System.out.println("revoked token id=" + v.id() + " name=" + v.name() + " at=" + v.revokedAt());
                return 0;
            } catch (NotFoundException e) {
                System.err.println("ID: " + e.getMessage());
                return 2;
            }
        }
    }
}
