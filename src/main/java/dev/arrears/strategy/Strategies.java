package dev.arrears.strategy;

import dev.arrears.shared.ConflictException;
import dev.arrears.shared.InvalidDocumentException;
import dev.arrears.shared.NotFoundException;
import dev.arrears.strategy.document.StrategyDocument;
import dev.arrears.strategy.domain.CompiledStrategy;
import dev.arrears.strategy.domain.Condition;
import dev.arrears.strategy.domain.FactCatalog;
import dev.arrears.strategy.domain.StrategyBook;
import dev.arrears.strategy.domain.StrategyDefinition;
import dev.arrears.strategy.persistence.StrategyStore;
import dev.arrears.strategy.persistence.StrategyStore.ActivationRow;
import dev.arrears.strategy.persistence.StrategyStore.ActiveRow;
import dev.arrears.strategy.persistence.StrategyStore.NameRow;
import dev.arrears.strategy.persistence.StrategyStore.VersionRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The strategy module's façade: stores strategy documents as numbered versions, validates them, activates one
 * version per name (or rolls back to the one before), and gives the cycle the active strategies compiled. Writes
 * to one name are serialised by a database lock, so nodes sharing the database never number two versions alike.
 * Compiled strategies are cached by version id (a version never changes); which versions are active is read
 * from the database on every call, so an activation on another node takes effect at the next call here.
 */
@Service
public class Strategies {

    private static final Logger log = LoggerFactory.getLogger(Strategies.class);

    /** Who stored and activated the shipped strategies. */
    public static final String SYSTEM = "arrears";
    /** Where the shipped strategy documents are. */
    static final String SHIPPED = "classpath*:strategies/*.yaml";
    /** A document's name line, read even when the rest of the document is broken. */
    private static final Pattern NAME_LINE = Pattern.compile(
            "(?m)^strategy:\\s*['\"]?([a-z0-9][a-z0-9-]{1,62})['\"]?\\s*(#.*)?$");

    private final StrategyStore store;
    private final TransactionTemplate transactions;
    private final TemplateCatalog templates;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Map<Long, CompiledStrategy> compiled = new ConcurrentHashMap<>();
    private volatile Book book;

    /** The last book handed out, with the version ids it was built from. */
    private record Book(List<Long> ids, StrategyBook strategies) {
    }

    Strategies(StrategyStore store, TransactionTemplate transactions, TemplateCatalog templates, Clock clock,
               ApplicationEventPublisher events) {
        this.store = store;
        this.transactions = transactions;
        this.templates = templates;
        this.clock = clock;
        this.events = events;
    }

    /** Returns every strategy name with its latest and active versions, by name. */
    public List<StrategyView> list() {
        return store.names().stream().map(Strategies::view).toList();
    }

    /** Returns one strategy name with its latest and active versions. */
    public StrategyView strategy(String name) {
        return store.name(name).map(Strategies::view).orElseThrow(() -> unknown(name));
    }

    /** Returns a version of a strategy with its document; a null version means the latest. */
    public StrategyVersionView get(String name, Integer version) {
        NameRow current = store.name(name).orElseThrow(() -> unknown(name));
        VersionRow row = store.version(name, version).orElseThrow(() -> new NotFoundException("Strategy '" + name
                + "' has no version " + version + "; its versions are 1 to " + current.latestVersion()));
        return view(row, current);
    }

    /** Returns every version of a strategy, newest first. */
    public List<StrategyVersionView> versions(String name) {
        NameRow current = store.name(name).orElseThrow(() -> unknown(name));
        return store.versions(name).stream().map(row -> view(row, current)).toList();
    }

    /** Checks a document without storing anything. */
    public ValidationReport validate(String yaml) {
        StrategyDocument.Parsed parsed = StrategyDocument.parse(yaml, templates);
        if (!parsed.valid()) {
            return new ValidationReport(false, nameIn(yaml), List.of(), List.of(), parsed.errors());
        }
        StrategyDefinition d = parsed.definition();
        return new ValidationReport(true, d.name(), d.segments().stream().map(StrategyDefinition.Segment::name)
                .toList(), reads(d), List.of());
    }

    /** Stores a valid document as the next version of the strategy it names; throws InvalidDocumentException. */
    public StrategyVersionView createVersion(String yaml, String author) {
        StrategyDefinition definition = valid(yaml);
        String by = who(author);
        VersionRow row = transactions.execute(tx -> {
            store.lockName(definition.name());
            VersionRow created = store.insertVersion(definition.name(), yaml, definition.description(),
                    clock.instant(), by);
            changed(created, StrategyChanged.Change.CREATED, by, created.createdAt());
            return created;
        });
        log.info("Strategy {} version {} stored by {}", row.name(), row.version(), by);
        return get(row.name(), row.version());
    }

    /** Makes a version the active one of its name after validating it again; activating it twice changes nothing. */
    public StrategyView activate(String name, int version, String who) {
        String by = who(who);
        transactions.executeWithoutResult(tx -> {
            store.lockName(name);
            VersionRow row = store.version(name, version).orElseThrow(() -> store.name(name).isEmpty()
                    ? unknown(name) : new NotFoundException("Strategy '" + name + "' has no version " + version));
            valid(row.document());
            Optional<ActiveRow> active = store.active(name);
            if (active.isEmpty() || active.get().versionId() != row.id()) {
                Instant at = clock.instant();
                store.insertActivation(name, row.id(), at, by, false);
                changed(row, StrategyChanged.Change.ACTIVATED, by, at);
                log.info("Strategy {} version {} activated by {}", name, version, by);
            }
        });
        return strategy(name);
    }

    /**
     * Re-activates the version that was active before the current activation, validating it again. Roll-backs
     * undo activations one at a time: after activating 1, 2 and 3, two roll-backs lead to 2 and then 1. Throws
     * ConflictException when there is nothing earlier.
     */
    public StrategyView rollback(String name, String who) {
        String by = who(who);
        transactions.executeWithoutResult(tx -> {
            store.lockName(name);
            if (store.name(name).isEmpty()) {
                throw unknown(name);
            }
            List<Long> stack = activeStack(store.activations(name));
            if (stack.size() < 2) {
                throw new ConflictException("Strategy '" + name + "' has no earlier active version to roll back to",
                        List.of());
            }
            long target = stack.get(stack.size() - 2);
            VersionRow row = store.version(target).orElseThrow();
            valid(row.document());
            Instant at = clock.instant();
            store.insertActivation(name, target, at, by, true);
            changed(row, StrategyChanged.Change.ROLLED_BACK, by, at);
            log.info("Strategy {} rolled back to version {} by {}", name, row.version(), by);
        });
        return strategy(name);
    }

    /** Announces a change of a version inside the writing transaction (for the audit trail). */
    private void changed(VersionRow row, StrategyChanged.Change change, String by, Instant at) {
        events.publishEvent(new StrategyChanged(row.name(), row.version(), change, by, sha256(row.document()), at));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Replays activations: an activation pushes its version, a roll-back pops the one it undoes. */
    static List<Long> activeStack(List<ActivationRow> activations) {
        List<Long> stack = new ArrayList<>();
        for (ActivationRow a : activations) {
            if (a.rollback() && stack.size() > 1) {
                stack.removeLast();
            } else if (!a.rollback() && (stack.isEmpty() || stack.getLast() != a.versionId())) {
                stack.add(a.versionId());
            }
        }
        return stack;
    }

    /**
     * Returns the active strategies, compiled, in the order they are tried. Reads the active version ids on
     * every call (one small query) and compiles only versions not seen before.
     */
    public StrategyBook activeBook() {
        List<ActiveRow> active = store.active();
        List<Long> ids = active.stream().map(ActiveRow::versionId).toList();
        Book last = book;
        if (last != null && last.ids().equals(ids)) {
            return last.strategies();
        }
        List<CompiledStrategy> strategies = new ArrayList<>();
        for (ActiveRow row : active) {
            strategies.add(compiled(row.versionId()).orElseThrow(() -> new IllegalStateException(
                    "active strategy version " + row.versionId() + " disappeared")));
        }
        Book fresh = new Book(ids, new StrategyBook(strategies));
        book = fresh;
        return fresh.strategies();
    }

    /** Returns any stored version compiled (to render decisions made with an older version), or empty. */
    public Optional<CompiledStrategy> compiled(long versionId) {
        CompiledStrategy known = compiled.get(versionId);
        if (known != null) {
            return Optional.of(known);
        }
        return store.version(versionId).map(row -> compiled.computeIfAbsent(row.id(), id -> compile(row)));
    }

    private static CompiledStrategy compile(VersionRow row) {
        // a stored version was valid when stored; templates are not checked again, as they may since be renamed
        StrategyDocument.Parsed parsed = StrategyDocument.parse(row.document(), null);
        if (!parsed.valid()) {
            throw new IllegalStateException("stored strategy " + row.name() + " version " + row.version()
                    + " no longer reads: " + parsed.errors().getFirst().detail());
        }
        return CompiledStrategy.compile(row.id(), row.version(), parsed.definition());
    }

    /**
     * Stores and activates each shipped strategy whose name has no version yet; returns the names installed.
     * Safe when several nodes call it at once: they take turns on a database lock.
     */
    public List<String> installShipped() {
        return transactions.execute(tx -> {
            store.lockInstall();
            return install();
        });
    }

    /** Installs the shipped strategies when no strategy exists at all (the first start of a database). */
    List<String> installShippedIfNone() {
        return transactions.execute(tx -> {
            store.lockInstall();
            return store.versionCount() == 0 ? install() : List.of();
        });
    }

    private List<String> install() {
        List<String> installed = new ArrayList<>();
        for (String yaml : shippedDocuments()) {
            StrategyDocument.Parsed parsed = StrategyDocument.parse(yaml, templates);
            StrategyDefinition definition = parsed.definition();
            if (definition == null) {
                // only a template catalogue that lacks the shipped templates gets here (a test checks the rest):
                // an invalid strategy is never stored, and the server still starts
                log.error("Not installing shipped strategy {}: it does not validate: {}", nameIn(yaml),
                        parsed.errors());
                continue;
            }
            store.lockName(definition.name());
            if (store.version(definition.name(), null).isPresent()) {
                continue;
            }
            VersionRow row = store.insertVersion(definition.name(), yaml, definition.description(), clock.instant(),
                    SYSTEM);
            changed(row, StrategyChanged.Change.CREATED, SYSTEM, row.createdAt());
            Instant at = clock.instant();
            store.insertActivation(row.name(), row.id(), at, SYSTEM, false);
            changed(row, StrategyChanged.Change.ACTIVATED, SYSTEM, at);
            installed.add(row.name());
        }
        if (!installed.isEmpty()) {
            log.info("Installed and activated the shipped strategies {}", installed);
        }
        return installed;
    }

    /** Returns the shipped documents, by file name. */
    static List<String> shippedDocuments() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(SHIPPED);
            return Arrays.stream(resources)
                    .sorted(Comparator.comparing(r -> Objects.requireNonNullElse(r.getFilename(), "")))
                    .map(Strategies::text).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Resource resource) {
        try (var in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StrategyDefinition valid(String yaml) {
        StrategyDocument.Parsed parsed = StrategyDocument.parse(yaml, templates);
        if (!parsed.valid()) {
            throw new InvalidDocumentException(parsed.errors());
        }
        return parsed.definition();
    }

    private static List<String> reads(StrategyDefinition d) {
        TreeSet<Integer> read = new TreeSet<>();
        List<String> sources = new ArrayList<>();
        sources.add(d.appliesTo());
        sources.add(d.stopWhen());
        d.segments().forEach(s -> sources.add(s.when()));
        for (String source : sources) {
            if (source != null && !source.isBlank()) {
                Condition.of(source).reads().forEach(f -> read.add(f.index()));
            }
        }
        return read.stream().map(i -> FactCatalog.all().get(i).name()).toList();
    }

    /** Returns the name an invalid document gives, when it is readable as {@code strategy: name}. */
    private static String nameIn(String yaml) {
        if (yaml == null) {
            return null;
        }
        Matcher m = NAME_LINE.matcher(yaml);
        return m.find() ? m.group(1) : null;
    }

    private static String who(String name) {
        return name == null || name.isBlank() ? "unknown" : name;
    }

    private static NotFoundException unknown(String name) {
        return new NotFoundException("No strategy named '" + (name.length() > 80 ? name.substring(0, 80) + "…" : name)
                + "'");
    }

    private static StrategyView view(NameRow row) {
        return new StrategyView(row.name(), row.description(), row.activeVersion(), row.activeId(),
                row.activatedAt(), row.activatedBy(), row.latestVersion(), row.updatedAt());
    }

    private static StrategyVersionView view(VersionRow row, NameRow current) {
        return new StrategyVersionView(row.id(), row.name(), row.version(), row.description(), row.createdAt(),
                row.createdBy(), row.document(), current.activeVersion(), current.latestVersion());
    }
}
