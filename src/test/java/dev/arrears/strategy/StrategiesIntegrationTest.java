package dev.arrears.strategy;

import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidDocumentException;
import dev.arrears.shared.NotFoundException;
import dev.arrears.strategy.domain.CompiledStrategy;
import dev.arrears.strategy.domain.StrategyBook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The strategies façade against the embedded PostgreSQL: versions, activation, roll-back, the active book and the
 * shipped strategies. Test strategies apply only to accounts in XTS (the ISO code reserved for tests), so that
 * activating them changes no decision for other tests sharing the database.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class StrategiesIntegrationTest {

    @Autowired
    Strategies strategies;

    @Autowired
    JdbcClient jdbc;

    final String name = "t-" + UUID.randomUUID().toString().substring(0, 8);

    /** A valid document of this test's strategy; {@code days} varies the ladder between versions. */
    String document(int days) {
        return """
                # a test strategy, touching no real account
                strategy: %s
                description: "test version with a call on day %d"
                priority: 5
                appliesTo: "account.currency == 'XTS'"
                segments:
                  - name: all
                    ladder:
                      - { at: "due+1d", action: SMS, template: overdue_notice }
                      - { at: "due+%dd", action: CALL_TASK, queue: general }
                """.formatted(name, days, days);
    }

    @Test
    void createVersion_numbersVersionsPerName_andKeepsTheDocumentAsWritten() {
        StrategyVersionView first = strategies.createVersion(document(5), "li.wei");
        StrategyVersionView second = strategies.createVersion(document(6), "li.wei");
        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(first.document()).isEqualTo(document(5)).startsWith("# a test strategy");
        assertThat(first.createdBy()).isEqualTo("li.wei");
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-11-23T04:00:00Z"));
        assertThat(first.description()).isEqualTo("test version with a call on day 5");
        assertThat(first.activeVersion()).isNull();
        assertThat(strategies.get(name, null).version()).isEqualTo(2);
        assertThat(strategies.get(name, 1).document()).isEqualTo(document(5));
        assertThat(strategies.get(name, 1).latestVersion()).isEqualTo(2);
        assertThat(strategies.versions(name)).extracting(StrategyVersionView::version).containsExactly(2, 1);
        StrategyView listed = strategies.list().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        assertThat(listed.latestVersion()).isEqualTo(2);
        assertThat(listed.activeVersion()).isNull();
        assertThat(listed.description()).isEqualTo("test version with a call on day 6");
    }

    @Test
    void concurrentVersionsOfOneName_getDistinctNumbers() throws Exception {
        int writers = 8;
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int days = 2 + i;
            tasks.add(() -> strategies.createVersion(document(days), "writer").version());
        }
        List<Integer> numbers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                numbers.add(f.get());
            }
        }
        assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void invalidDocument_isNeverStored() {
        String broken = document(5).replace("queue: general", "queue: general, level: hard")
                .replace("template: overdue_notice", "template: no_such_template");
        assertThatThrownBy(() -> strategies.createVersion(broken, "li.wei"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::pointer, FieldError::line)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("/segments/0/ladder/0/template", 9),
                                org.assertj.core.groups.Tuple.tuple("/segments/0/ladder/1/level", 10)));
        assertThatThrownBy(() -> strategies.get(name, null)).isInstanceOf(NotFoundException.class)
                .hasMessage("No strategy named '" + name + "'");
        ValidationReport report = strategies.validate(broken);
        assertThat(report.valid()).isFalse();
        assertThat(report.name()).isEqualTo(name);
        assertThat(report.errors()).hasSize(2);
    }

    @Test
    void validate_reportsNameSegmentsAndFactsRead() {
        ValidationReport report = strategies.validate(document(5));
        assertThat(report.valid()).isTrue();
        assertThat(report.name()).isEqualTo(name);
        assertThat(report.segments()).containsExactly("all");
        assertThat(report.reads()).containsExactly("account.currency");
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void activate_makesOneVersionActive_andTheBookSeesIt() {
        StrategyVersionView v1 = strategies.createVersion(document(5), "li.wei");
        StrategyVersionView v2 = strategies.createVersion(document(9), "li.wei");
        StrategyView active = strategies.activate(name, 1, "wang.fang");
        assertThat(active.activeVersion()).isEqualTo(1);
        assertThat(active.activatedBy()).isEqualTo("wang.fang");
        StrategyBook book = strategies.activeBook();
        assertThat(compiledOf(book)).extracting(CompiledStrategy::id, CompiledStrategy::version)
                .containsExactly(v1.id(), 1);
        assertThat(strategies.activeBook()).isSameAs(book);

        strategies.activate(name, 2, "wang.fang");
        StrategyBook next = strategies.activeBook();
        assertThat(next).isNotSameAs(book);
        assertThat(compiledOf(next).id()).isEqualTo(v2.id());
        assertThat(compiledOf(next).definition().segments().getFirst().ladder().get(1).at().days()).isEqualTo(9);
        assertThat(strategies.get(name, 2).active()).isTrue();
        assertThat(strategies.get(name, 1).active()).isFalse();
        // activating the active version again writes nothing
        strategies.activate(name, 2, "someone.else");
        assertThat(strategies.strategy(name).activatedBy()).isEqualTo("wang.fang");
        // an old version still compiles, for rendering decisions made with it
        assertThat(strategies.compiled(v1.id())).get().extracting(CompiledStrategy::version).isEqualTo(1);
        assertThat(strategies.compiled(-1)).isEmpty();
    }

    private CompiledStrategy compiledOf(StrategyBook book) {
        return book.strategies().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void activationByAnotherNode_isSeenAtTheNextCall() {
        StrategyVersionView v1 = strategies.createVersion(document(5), "li.wei");
        StrategyVersionView v2 = strategies.createVersion(document(7), "li.wei");
        strategies.activate(name, 1, "node-a");
        assertThat(compiledOf(strategies.activeBook()).id()).isEqualTo(v1.id());
        // another node writes its activation straight to the shared database
        jdbc.sql("insert into strategy_activation (name, version_id, activated_at, activated_by) values (?, ?, ?, ?)")
                .params(name, v2.id(), Timestamp.from(Instant.parse("2026-11-23T05:00:00Z")), "node-b").update();
        assertThat(compiledOf(strategies.activeBook()).id()).isEqualTo(v2.id());
    }

    @Test
    void rollback_undoesActivationsOneAtATime() {
        for (int days = 3; days <= 5; days++) {
            strategies.createVersion(document(days), "li.wei");
        }
        assertThatThrownBy(() -> strategies.rollback(name, "wang.fang")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("no earlier active version");
        strategies.activate(name, 1, "wang.fang");
        strategies.activate(name, 2, "wang.fang");
        strategies.activate(name, 3, "wang.fang");
        assertThat(strategies.rollback(name, "zhao.lei").activeVersion()).isEqualTo(2);
        assertThat(strategies.rollback(name, "zhao.lei").activeVersion()).isEqualTo(1);
        assertThatThrownBy(() -> strategies.rollback(name, "zhao.lei")).isInstanceOf(ConflictException.class);
        assertThat(strategies.strategy(name).activeVersion()).isEqualTo(1);
        assertThat(strategies.strategy(name).activatedBy()).isEqualTo("zhao.lei");
        // activating again starts a new undo history on top
        strategies.activate(name, 3, "wang.fang");
        assertThat(strategies.rollback(name, "zhao.lei").activeVersion()).isEqualTo(1);
        assertThat(compiledOf(strategies.activeBook()).version()).isEqualTo(1);
    }

    @Test
    void activation_validatesAgain_andRefusesAStoredDocumentThatNoLongerValidates() {
        // a version stored when its template existed (written straight to the table: the API would refuse it now)
        long id = jdbc.sql("""
                        insert into strategy_version (name, version, document, created_at, created_by)
                        values (?, 1, ?, now(), 'past') returning id""")
                .params(name, document(5).replace("overdue_notice", "retired_template"))
                .query(Long.class).single();
        assertThatThrownBy(() -> strategies.activate(name, 1, "wang.fang"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.errors())
                        .singleElement().extracting(FieldError::detail).asString()
                        .contains("unknown template 'retired_template'"));
        assertThat(strategies.strategy(name).activeVersion()).isNull();
        // it still compiles for rendering what was decided with it
        assertThat(strategies.compiled(id)).isPresent();
    }

    @Test
    void unknownNamesAndVersions_areNotFound() {
        strategies.createVersion(document(5), "li.wei");
        assertThatThrownBy(() -> strategies.get(name, 4)).isInstanceOf(NotFoundException.class)
                .hasMessage("Strategy '" + name + "' has no version 4; its versions are 1 to 1");
        assertThatThrownBy(() -> strategies.activate(name, 4, "x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> strategies.activate(name + "-x", 1, "x")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("No strategy named");
        assertThatThrownBy(() -> strategies.versions(name + "-x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> strategies.rollback(name + "-x", "x")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void shippedStrategies_areInstalledOnceAndActive() throws Exception {
        List<String> shipped = List.of("b2b-invoices", "general", "telecom-consumer", "wallet-credit");
        for (String s : shipped) {
            StrategyView view = strategies.strategy(s);
            assertThat(view.activeVersion()).as(s).isEqualTo(1);
            assertThat(view.latestVersion()).as(s).isEqualTo(1);
            assertThat(view.activatedBy()).isEqualTo(Strategies.SYSTEM);
            assertThat(strategies.get(s, 1).document()).contains("strategy: " + s);
        }
        assertThat(strategies.installShipped()).isEmpty();
        assertThat(strategies.installShippedIfNone()).isEmpty();
        List<Callable<List<String>>> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(strategies::installShipped);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<List<String>> installed : pool.invokeAll(nodes)) {
                assertThat(installed.get()).isEmpty();
            }
        }
        for (String s : shipped) {
            assertThat(strategies.versions(s)).hasSize(1);
        }
        assertThat(strategies.activeBook().strategies()).extracting(CompiledStrategy::name).containsAll(shipped);
        // other tests store strategies of their own in the shared database: among the shipped ones, general is last
        assertThat(strategies.activeBook().strategies().stream().map(CompiledStrategy::name)
                .filter(shipped::contains).toList().getLast()).isEqualTo("general");
    }
}
