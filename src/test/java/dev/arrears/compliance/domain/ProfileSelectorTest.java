package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.compliance.domain.ProfileSelector.Choice;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidDocumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped selection table and the reading of selection documents, as tables. */
class ProfileSelectorTest {

    private static final ProfileSelector SHIPPED = ProfileSelector.parse(shipped());

    private static String shipped() {
        try (InputStream in = ProfileSelectorTest.class.getResourceAsStream("/compliance/selection.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blank(String text) {
        return text == null || text.equals("-") ? null : text;
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4} → {5} {6} by {7}")
    @CsvSource({
            // country, region, product line, role, debt type → profile, debt type, rule
            "US, US-NY, TELECOM_POSTPAID, AGENCY,      -,          US-REGF,     CONSUMER,   us-agency",
            "US, US-MA, TELECOM_POSTPAID, FIRST_PARTY, -,          US-CREDITOR, CONSUMER,   us-first-party",
            "us, -,     BROADBAND,        first_party, -,          US-CREDITOR, CONSUMER,   us-first-party",
            "US, -,     UTILITY,          -,           -,          US-REGF,     CONSUMER,   us-role-unknown",
            "GB, -,     TELECOM_POSTPAID, FIRST_PARTY, -,          UK-FCA,      CONSUMER,   uk",
            "UK, -,     BROADBAND,        AGENCY,      -,          UK-FCA,      CONSUMER,   uk",
            "CN, -,     WALLET_CREDIT,    FIRST_PARTY, -,          CN-NIFA,     CONSUMER,   cn-internet-lending",
            "CN, -,     TELECOM_POSTPAID, FIRST_PARTY, -,          CN-NIFA,     CONSUMER,   cn-other",
            "CN, -,     BROADBAND,        AGENCY,      -,          CN-NIFA,     CONSUMER,   cn-other",
            "CN, -,     UTILITY,          FIRST_PARTY, -,          CN-NIFA,     CONSUMER,   cn-other",
            // B2B invoices are commercial: the country's profile, only its window and holds
            "US, -,     B2B_INVOICE,      FIRST_PARTY, -,          US-CREDITOR, COMMERCIAL, us-first-party",
            "US, -,     B2B_INVOICE,      AGENCY,      CONSUMER,   US-REGF,     COMMERCIAL, us-agency",
            "CN, -,     B2B_INVOICE,      FIRST_PARTY, -,          CN-NIFA,     COMMERCIAL, cn-other",
            "GB, -,     B2B_INVOICE,      FIRST_PARTY, -,          UK-FCA,      COMMERCIAL, uk",
            // the caller may know the debt is commercial whatever the line
            "GB, -,     OTHER,            FIRST_PARTY, COMMERCIAL, UK-FCA,      COMMERCIAL, uk",
            // no profile of their own: the fallback
            "HK, -,     TELECOM_POSTPAID, FIRST_PARTY, -,          US-REGF,     CONSUMER,   fallback",
            "TW, -,     WALLET_CREDIT,    FIRST_PARTY, -,          US-REGF,     CONSUMER,   fallback",
            "-,  -,     TELECOM_POSTPAID, FIRST_PARTY, -,          US-REGF,     CONSUMER,   fallback",
            "-,  -,     -,                -,           -,          US-REGF,     CONSUMER,   fallback",
    })
    void shippedTable_choosesTheProfileOfTheFirstMatchingRule(String country, String region, String productLine,
                                                               String role, String debtType, String profile,
                                                               DebtType chosenType, String rule) {
        Choice choice = SHIPPED.select(blank(country), blank(region), blank(productLine), blank(role),
                blank(debtType) == null ? null : DebtType.valueOf(debtType));

        assertThat(choice).isEqualTo(new Choice(profile, chosenType, rule));
    }

    @Test
    void shippedTable_namesEveryShippedConsumerProfileItUses() {
        assertThat(SHIPPED.profiles()).containsExactlyInAnyOrder("US-REGF", "US-CREDITOR", "UK-FCA", "CN-NIFA");
    }

    @Test
    void substitution_swapsCnNifaForThe2018ConventionWhereverChosen() {
        ProfileSelector bound2018 = SHIPPED.withSubstitutions(
                ProfileSelector.parseSubstitutions("CN-NIFA=CN-NIFA-2018"));

        assertThat(bound2018.select("CN", null, "WALLET_CREDIT", "FIRST_PARTY", null).profile())
                .isEqualTo("CN-NIFA-2018");
        assertThat(bound2018.select("CN", null, "UTILITY", "AGENCY", null).profile()).isEqualTo("CN-NIFA-2018");
        assertThat(bound2018.select("US", null, "UTILITY", "AGENCY", null).profile()).isEqualTo("US-REGF");
        assertThat(bound2018.profiles()).contains("CN-NIFA-2018").doesNotContain("CN-NIFA");
    }

    @Test
    void bankCreditLine_mappedInTheTable_choosesCnBank() {
        ProfileSelector selector = ProfileSelector.parse("""
                rules:
                  - name: cn-bank-credit
                    when: {country: CN, productLine: [OTHER]}
                    profile: CN-BANK
                  - name: cn-other
                    when: {country: CN}
                    profile: CN-NIFA
                  - name: fallback
                    profile: US-REGF
                """);

        assertThat(selector.select("CN", null, "OTHER", "FIRST_PARTY", null).profile()).isEqualTo("CN-BANK");
        assertThat(selector.select("CN", null, "WALLET_CREDIT", "FIRST_PARTY", null).profile()).isEqualTo("CN-NIFA");
    }

    @Test
    void regionCondition_matchesOnlyThatRegion() {
        ProfileSelector selector = ProfileSelector.parse("""
                rules:
                  - name: massachusetts
                    when: {region: US-MA}
                    profile: US-CREDITOR
                  - name: fallback
                    profile: US-REGF
                """);

        assertThat(selector.select("US", "us-ma", null, null, null).rule()).isEqualTo("massachusetts");
        assertThat(selector.select("US", "US-NY", null, null, null).rule()).isEqualTo("fallback");
        assertThat(selector.select("US", null, null, null, null).rule()).isEqualTo("fallback");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "rules: [{name: a, when: {country: XX}, profile: US-REGF}, {name: f, profile: US-REGF}]"
                    + "| /rules/0/when/country | 'XX' is not an ISO 3166-1 alpha-2 country code",
            "rules: [{name: a, when: {region: US-Massachusetts}, profile: US-REGF}, {name: f, profile: US-REGF}]"
                    + "| /rules/0/when/region | is not an ISO 3166-2 region",
            "rules: [{name: a, when: {productLine: BANK_CARD}, profile: US-REGF}, {name: f, profile: US-REGF}]"
                    + "| /rules/0/when/productLine | 'BANK_CARD' is not a product line",
            "rules: [{name: a, when: {collectorRole: LAWYER}, profile: US-REGF}, {name: f, profile: US-REGF}]"
                    + "| /rules/0/when/collectorRole | 'LAWYER' is not a collector role",
            "rules: [{name: a, when: {debtType: PERSONAL}, profile: US-REGF}, {name: f, profile: US-REGF}]"
                    + "| /rules/0/when/debtType | 'PERSONAL' is not a debt type",
            "rules: [{name: a, when: {country: US}, profile: us regf}, {name: f, profile: US-REGF}]"
                    + "| /rules/0/profile | must be a profile id",
            "rules: [{when: {country: US}, profile: US-REGF}, {name: f, profile: US-REGF}]"
                    + "| /rules/0/name | is required",
            "rules: [{name: a, when: {country: US}, profile: US-REGF, then: x}, {name: f, profile: US-REGF}]"
                    + "| /rules/0/then | unknown key 'then'",
            "rules: [{name: a, when: {country: US}, profile: US-REGF}]"
                    + "| /rules/0/when | the last rule must have no conditions",
            "rules: [{name: f, profile: US-REGF}, {name: a, when: {country: US}, profile: US-CREDITOR}]"
                    + "| /rules/0/when | only the last rule may have none",
            "rules: [{name: f, when: {country: US}, profile: US-REGF}, {name: f, profile: US-REGF}]"
                    + "| /rules/1/name | duplicate rule name 'f'",
            "rules: []| /rules | must be a list of rules",
            "commercialProductLines: [B2B]\\nrules: [{name: f, profile: US-REGF}]"
                    + "| /commercialProductLines | 'B2B' is not a product line",
            "profiles: {}\\nrules: [{name: f, profile: US-REGF}]| /profiles | unknown key 'profiles'",
            "rules: [{name: f, profile: US-REGF}]\\nrules: []| \"\" | not valid YAML",
            "\" \"| \"\" | the selection document is empty",
    })
    void invalidDocument_isRefusedNamingTheField(String yaml, String pointer, String detail) {
        assertThatThrownBy(() -> ProfileSelector.parse(yaml.replace("\\n", "\n")))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::pointer, FieldError::detail)
                        .anySatisfy(t -> {
                            assertThat(t.toList().get(0)).isEqualTo(pointer);
                            assertThat((String) t.toList().get(1)).contains(detail);
                        }));
    }

    @Test
    void documentWithSeveralProblems_reportsThemAll() {
        assertThatThrownBy(() -> ProfileSelector.parse("""
                rules:
                  - name: a
                    when: {country: XX, collectorRole: NOBODY}
                    profile: US-REGF
                  - name: f
                    profile: US-REGF
                """))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::pointer)
                        .containsExactly("/rules/0/when/country", "/rules/0/when/collectorRole"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"CN-NIFA", "CN-NIFA=", "=CN-NIFA-2018", "CN-NIFA=cn nifa"})
    void badSubstitution_isRefused(String text) {
        assertThatThrownBy(() -> ProfileSelector.parseSubstitutions(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a substitution");
    }

    @Test
    void substitutions_readAsPairs() {
        assertThat(ProfileSelector.parseSubstitutions(" CN-NIFA=CN-NIFA-2018 , US-REGF=US-CREDITOR"))
                .isEqualTo(Map.of("CN-NIFA", "CN-NIFA-2018", "US-REGF", "US-CREDITOR"));
        assertThat(ProfileSelector.parseSubstitutions("")).isEmpty();
    }
}
