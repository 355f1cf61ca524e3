package dev.arrears.cli;

import dev.arrears.platform.Users;
import dev.arrears.platform.Users.UserView;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code arrears user …}: the people who sign in, on the configured database (the actor "cli" in the audit trail).
 * {@code add} and {@code reset-password} take the password from the first line of stdin with
 * {@code --password-stdin}, or generate one and print it once on stdout. Exit codes: 0 done, 2 bad input (the
 * option is named), 3 no such user, 4 the name is taken.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Adds, lists, disables and enables users; resets passwords, changes roles, lifts lock-outs.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Disable.class,
                UserCommand.Enable.class, UserCommand.ResetPassword.class, UserCommand.SetRoles.class,
                UserCommand.Unlock.class})
class UserCommand implements Runnable {

    static final String ACTOR = "cli";

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs an action on the users of a started context and maps refusals to exit codes and messages. */
    static int withUsers(Function<Users, Integer> action) {
        try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
            return run(() -> action.apply(context.getBean(Users.class)), System.err);
        }
    }

    /** Runs an action, printing a refusal on {@code err}: 2 bad input, 3 unknown user, 4 name taken. */
    static int run(java.util.function.Supplier<Integer> action, PrintStream err) {
        try {
            return action.get();
        } catch (InvalidInputException e) {
            for (FieldError error : e.errors()) {
                err.println(option(error.pointer()) + ": " + error.detail());
            }
            return 2;
        } catch (NotFoundException e) {
            err.println("NAME: " + e.getMessage());
            return 3;
        } catch (ConflictException e) {
            err.println("NAME: " + e.getMessage());
            return 4;
        }
    }

    private static String option(String pointer) {
        return switch (pointer == null ? "" : pointer) {
            case "/roles" -> "--role";
            case "/password" -> "--password-stdin";
            default -> "NAME";
        };
    }

    /** Reads the password from stdin's first line, or returns null to have one generated. */
    static String password(boolean fromStdin) {
        if (!fromStdin) {
            return null;
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the password from stdin", e);
        }
    }

    /** {@code arrears user add NAME --role R[,R] [--password-stdin]}. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a user with roles.")
    static class Add implements Callable<Integer> {

        @Parameters(paramLabel = "NAME", description = "The user name: 2-64 letters, digits or . _ @ -")
        String name;

        @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE",
                description = "ADMIN, STRATEGIST, MANAGER, SUPERVISOR, COLLECTOR, AGENCY or AUDITOR; repeat or separate with commas.")
        List<String> roles = new ArrayList<>();

        @Option(names = "--password-stdin", description = "Read the password from stdin (else one is generated and printed).")
        boolean passwordStdin;

        @Override
        public Integer call() {
            String given = password(passwordStdin);
            return withUsers(users -> add(users, name, roles, given, System.out, System.err));
        }

        /** Adds the user; prints a generated password alone on {@code out}, the details on {@code err}. */
        static int add(Users users, String name, List<String> roles, String given, PrintStream out,
                       PrintStream err) {
            String chosen = given == null ? users.generatePassword() : given;
            UserView v = users.add(name, roles, chosen, ACTOR);
            if (given == null) {
                out.println(chosen);
            }
            err.println("added user " + v.username() + " roles=" + roles(v)
                    + (given == null ? " (password printed once on stdout: pass it on now)" : ""));
            return 0;
        }
    }

    /** {@code arrears user list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists users.")
    static class ListUsers implements Callable<Integer> {

        @Override
        public Integer call() {
            return withUsers(users -> {
                for (UserView v : users.list()) {
                    System.out.println(v.username() + " roles=" + roles(v) + " enabled=" + v.enabled()
                            + (v.locked() ? " locked" : "") + " created=" + v.createdAt());
                }
                return 0;
            });
        }
    }

    /** {@code arrears user disable NAME}. */
    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disables a user: it cannot sign in.")
    static class Disable implements Callable<Integer> {

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            return withUsers(users -> {
                users.setEnabled(name, false, ACTOR);
                System.out.println("disabled user " + name);
                return 0;
            });
        }
    }

    /** {@code arrears user enable NAME}. */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enables a disabled user.")
    static class Enable implements Callable<Integer> {

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            return withUsers(users -> {
                users.setEnabled(name, true, ACTOR);
                System.out.println("enabled user " + name);
                return 0;
            });
        }
    }

    /** {@code arrears user reset-password NAME [--password-stdin]}. */
    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = "Sets a new password (from stdin, or generated and printed once).")
    static class ResetPassword implements Callable<Integer> {

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from stdin (else one is generated and printed).")
        boolean passwordStdin;

        @Override
        public Integer call() {
            String given = password(passwordStdin);
            return withUsers(users -> {
                String chosen = users.resetPassword(name, given, ACTOR);
                if (given == null) {
                    System.out.println(chosen);
                }
                System.err.println("reset the password of " + name);
                return 0;
            });
        }
    }

    /** {@code arrears user roles NAME --role R[,R]}. */
    @Command(name = "roles", mixinStandardHelpOptions = true, description = "Replaces a user's roles.")
    static class SetRoles implements Callable<Integer> {

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE", description = "The new roles.")
        List<String> roles = new ArrayList<>();

        @Override
        public Integer call() {
            return withUsers(users -> {
                UserView v = users.setRoles(name, roles, ACTOR);
                System.out.println("user " + v.username() + " roles=" + roles(v));
                return 0;
            });
        }
    }

    /** {@code arrears user unlock NAME}. */
    @Command(name = "unlock", mixinStandardHelpOptions = true, description = "Lifts a lock-out after failed sign-ins.")
    static class Unlock implements Callable<Integer> {

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            return withUsers(users -> {
                System.out.println(users.unlock(name, ACTOR) ? "unlocked user " + name : "user " + name
                        + " was not locked");
                return 0;
            });
        }
    }

    private static String roles(UserView v) {
        return String.join(",", v.roles().stream().map(Enum::name).toList());
    }
}
