package dev.arrears.strategy.domain;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled CEL condition over {@link Facts}: type-checked once against the fact catalogue, then evaluated for
 * each account without parsing again. Knows which facts it reads, for the decision trace. Numbers of either
 * kind compare with each other ({@code account.overdueAmount < 100} is allowed).
 */
public final class Condition {

    /** A compile error, positioned inside the expression (line 1-based, column 0-based as CEL reports it). */
    public record Error(int line, int column, String message) {
    }

    /** Thrown when a condition fails at evaluation (for example a division by zero). */
    public static final class EvaluationFailed extends RuntimeException {
        EvaluationFailed(String source, Exception cause) {
            super("condition '" + source + "' failed: " + cause.getMessage(), cause);
        }
    }

    private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    private static final CelCompiler COMPILER;
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
    private static final Pattern FACT_REFERENCE = Pattern.compile("\\b(account|customer|history|score|case)\\.(\\w+)");

    static {
        // standard macros: has(), all(), exists(), exists_one(), map(), filter() over lists such as customer.channels
        var builder = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL);
        for (FactCatalog.Fact fact : FactCatalog.all()) {
            builder.addVar(fact.name(), fact.type());
        }
        COMPILER = builder.build();
    }

    private final String source;
    private final CelRuntime.Program program;
    private final List<FactCatalog.Fact> reads;

    private Condition(String source, CelRuntime.Program program, List<FactCatalog.Fact> reads) {
        this.source = source;
        this.program = program;
        this.reads = reads;
    }

    /** Compiles a boolean condition; returns the errors instead when it does not type-check. */
    public static Compiled compile(String source) {
        if (source == null || source.isBlank()) {
            return new Compiled(null, List.of(new Error(1, 0, "the condition is empty")));
        }
        CelValidationResult result = COMPILER.compile(source);
        if (result.hasError()) {
            List<Error> errors = new ArrayList<>();
            for (CelIssue issue : result.getAllIssues()) {
                var at = issue.getSourceLocation();
                errors.add(new Error(Math.max(1, at.getLine()), Math.max(0, at.getColumn()), explain(issue, source)));
            }
            return new Compiled(null, errors);
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            TreeSet<Integer> read = new TreeSet<>();
            ast.getReferenceMap().values().forEach(reference -> {
                FactCatalog.Fact fact = FactCatalog.byName(reference.name());
                if (fact != null) {
                    read.add(fact.index());
                }
            });
            List<FactCatalog.Fact> reads = read.stream().map(i -> FactCatalog.all().get(i)).toList();
            return new Compiled(new Condition(source, RUNTIME.createProgram(ast), reads), List.of());
        } catch (Exception e) {
            return new Compiled(null, List.of(new Error(1, 0, e.getMessage())));
        }
    }

    /** Returns the condition, or throws IllegalArgumentException naming the first error. */
    public static Condition of(String source) {
        Compiled compiled = compile(source);
        if (compiled.condition() == null) {
            throw new IllegalArgumentException("condition '" + source + "': " + compiled.errors().getFirst().message());
        }
        return compiled.condition();
    }

    /** A compiled condition or its errors. */
    public record Compiled(Condition condition, List<Error> errors) {
    }

    /** Evaluates the condition for an account's facts. */
    public boolean test(Facts facts) {
        CelVariableResolver resolver = name -> {
            FactCatalog.Fact fact = FactCatalog.byName(name);
            return fact == null ? Optional.empty() : Optional.of(fact.read().apply(facts));
        };
        try {
            return (Boolean) program.eval(resolver);
        } catch (CelEvaluationException e) {
            throw new EvaluationFailed(source, e);
        }
    }

    /** Returns the CEL source text. */
    public String source() {
        return source;
    }

    /** Returns the facts this condition reads, in catalogue order. */
    public List<FactCatalog.Fact> reads() {
        return reads;
    }

    /** Turns CEL's "undeclared reference to 'account'" into a message naming the unknown fact. */
    private static String explain(CelIssue issue, String source) {
        String message = issue.getMessage();
        if (message.startsWith("undeclared reference")) {
            Matcher m = FACT_REFERENCE.matcher(source);
            while (m.find()) {
                if (FactCatalog.byName(m.group()) == null) {
                    return "unknown fact '" + m.group() + "' (see docs/strategies.md for the facts under "
                            + m.group(1) + ".)";
                }
            }
        }
        return message;
    }

    @Override
    public String toString() {
        return source;
    }
}
