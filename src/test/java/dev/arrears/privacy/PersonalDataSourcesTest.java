package dev.arrears.privacy;

import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import dev.arrears.shared.PersonalDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Other modules' shares of a customer's personal data ({@link PersonalDataSource}): in the export under their names,
 * erased in the erasure's transaction. The façade is built here with stand-in sources over the real ledger.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersonalDataSourcesTest {

    @Autowired
    Ledger ledger;

    @Autowired
    JsonMapper json;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    private final String ref = "PDS" + UUID.randomUUID().toString().substring(0, 8);

    /** A source that remembers what it was asked and may fail its erasure. */
    static final class Source implements PersonalDataSource {
        final String name;
        final boolean failing;
        final List<Long> erased = new ArrayList<>();

        Source(String name, boolean failing) {
            this.name = name;
            this.failing = failing;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Object export(long customerId) {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("customerId", customerId);
            section.put("flags", List.of("DISPUTE_OPEN"));
            return section;
        }

        @Override
        public void erase(long customerId) {
            if (failing) {
                throw new IllegalStateException("cannot erase now");
            }
            erased.add(customerId);
        }
    }

    private PersonalData personalData(PersonalDataSource... sources) {
        return new PersonalData(ledger, List.of(sources), json, transactions, events, clock);
    }

    private long customer() {
        return ledger.registerCustomers(List.of(new RegisterCustomer(ref, "Ann Lee", CustomerType.PERSON, "en",
                ZoneId.of("Europe/London"), List.of(new ContactPoint(ContactKind.EMAIL, "ann@example.co.uk",
                Set.of(Channel.EMAIL), Set.of()))))).getFirst().view().id();
    }

    @Test
    void exportPutsEverySourceUnderItsNameInNameOrder() {
        long id = customer();

        PersonalDataExport export = personalData(new Source("notes", false), new Source("compliance", false))
                .export(ref, "tester", "test");

        JsonNode sections = json.readTree(export.json()).get("sections");
        assertThat(sections.propertyNames()).containsExactly("compliance", "notes");
        assertThat(sections.get("compliance").get("customerId").asLong()).isEqualTo(id);
        assertThat(sections.get("compliance").get("flags").get(0).asString()).isEqualTo("DISPUTE_OPEN");
    }

    @Test
    void erasureErasesEverySourceOnceAndNotAgainOnARepeat() {
        long id = customer();
        Source compliance = new Source("compliance", false);
        PersonalData personalData = personalData(compliance);

        personalData.erase(ref, "request", "tester");
        personalData.erase(ref, "request", "tester");

        assertThat(compliance.erased).containsExactly(id);
    }

    @Test
    void failingSourceRollsTheWholeErasureBack() {
        customer();

        assertThatThrownBy(() -> personalData(new Source("compliance", true)).erase(ref, "request", "tester"))
                .hasMessage("cannot erase now");

        assertThat(ledger.customerRecords(ref).orElseThrow().erasedAt()).isNull();
        assertThat(jdbc.sql("select name from customer where external_ref = ?").param(ref).query(String.class)
                .single()).isEqualTo("Ann Lee");
        assertThat(ledger.customerRecords(ref).orElseThrow().customer().contactPoints().getFirst().value())
                .isEqualTo("ann@example.co.uk");
    }

    @Test
    void twoSourcesWithOneName_areRefusedAtStart() {
        assertThatThrownBy(() -> personalData(new Source("compliance", false), new Source("compliance", false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'compliance'");
    }
}
