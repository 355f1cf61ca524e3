package dev.arrears.ledger.web;

import dev.arrears.shared.BadParameterException;

import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Views.AccountFilter;
import dev.arrears.ledger.domain.AgingBucket;
import dev.arrears.shared.BadParameterException.BadParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class QueryParametersTest {

    @Test
    void defaultsToFirstPageOfFiftyWithoutFilters() {
        AccountFilter filter = QueryParameters.accountFilter(null, "", null, " ", null, null);

        assertThat(filter).isEqualTo(new AccountFilter(null, null, null, null, 0, 50));
    }

    @Test
    void readsEveryFilter() {
        AccountFilter filter = QueryParameters.accountFilter("31-60", "wallet_credit", "100.50", " 王 ", "2", "500");

        assertThat(filter).isEqualTo(new AccountFilter(AgingBucket.D31_60, ProductLine.WALLET_CREDIT,
                new BigDecimal("100.50"), "王", 2, 500));
    }

    @ParameterizedTest
    @CsvSource({
            "nope,  , ,      , , bucket",
            ",  CAR , ,      , , productLine",
            ",  , -1,        , , minOverdue",
            ",  , 1e3,       , , minOverdue",
            ",  , ,        -1, , page",
            ",  , ,        x , , page",
            ",  , ,          , 501, size",
            ",  , ,          , 0, size"})
    void namesTheBadParameter(String bucket, String productLine, String minOverdue, String page, String size,
                              String parameter) {
        BadParameterException e = catchThrowableOfType(BadParameterException.class,
                () -> QueryParameters.accountFilter(bucket, productLine, minOverdue, null, page, size));

        assertThat(e.problems()).extracting(BadParameter::parameter).containsExactly(parameter);
    }

    @Test
    void reportsEveryBadParameterAtOnce() {
        BadParameterException e = catchThrowableOfType(BadParameterException.class,
                () -> QueryParameters.accountFilter("x", "y", "z", null, "-1", "9999"));

        assertThat(e.problems()).extracting(BadParameter::parameter)
                .containsExactly("bucket", "productLine", "minOverdue", "page", "size");
    }

    @Test
    void readsAsOfOrNullForToday() {
        assertThat(QueryParameters.asOf("2026-06-30")).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(QueryParameters.asOf(null)).isNull();
        BadParameterException e = catchThrowableOfType(BadParameterException.class,
                () -> QueryParameters.asOf("2026-13-01"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.parameter()).isEqualTo("asOf");
            assertThat(p.detail()).contains("2026-13-01");
        });
    }

    @ParameterizedTest
    @CsvSource({"abc", "-1", "1.5", "12345678901234567890"})
    void refusesIdThatIsNotANumber(String id) {
        BadParameterException e = catchThrowableOfType(BadParameterException.class, () -> QueryParameters.id("id", id));

        assertThat(e.problems()).extracting(BadParameter::parameter).containsExactly("id");
    }
}
