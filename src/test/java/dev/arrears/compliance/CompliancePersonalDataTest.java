package dev.arrears.compliance;

import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.PersonalDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The compliance share of a customer's personal data: exported with flags and reasons; erased reasons, kept flags. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CompliancePersonalDataTest {

    @Autowired
    List<PersonalDataSource> sources;
    @Autowired
    DebtorFacts facts;
    @Autowired
    Ledger ledger;

    @Test
    @SuppressWarnings("unchecked")
    void erasure_replacesFlagReasonsButKeepsTheFlagsThatProtectTheDebtor() {
        long customer = ledger.registerCustomers(List.of(new RegisterCustomer("cpd-" + UUID.randomUUID(), "Chen Jing",
                CustomerType.PERSON, "zh-CN", ZoneId.of("Asia/Shanghai"), List.of()))).getFirst().view().id();
        facts.setFlag(customer, Flag.DISPUTE_OPEN, "55", "Chen Jing says the router was returned", "agent-2");
        facts.setFlag(customer, Flag.HARDSHIP, null, "lost her job in October", "agent-2");
        PersonalDataSource compliance = sources.stream().filter(s -> s.name().equals("compliance")).findFirst()
                .orElseThrow();

        Map<String, Object> before = (Map<String, Object>) compliance.export(customer);
        assertThat((List<Map<String, Object>>) before.get("flags")).extracting(f -> f.get("reason"))
                .containsExactlyInAnyOrder("Chen Jing says the router was returned", "lost her job in October");
        assertThat(before.get("disputedDebtIds")).isEqualTo(List.of("55"));

        compliance.erase(customer);
        compliance.erase(customer);

        Map<String, Object> after = (Map<String, Object>) compliance.export(customer);
        assertThat((List<Map<String, Object>>) after.get("flags")).extracting(f -> f.get("flag"), f -> f.get("reason"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("DISPUTE_OPEN", "erased"),
                        org.assertj.core.groups.Tuple.tuple("HARDSHIP", "erased"));
        assertThat(facts.facts(customer).disputedDebtIds()).containsExactly("55");
        assertThat(after.toString()).doesNotContain("Chen Jing", "router", "job");
    }
}
