package dev.arrears.audit.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {

    enum Flag { DISPUTE_OPEN }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(null, "{\"v\":null}"),
                Arguments.of(true, "{\"v\":true}"),
                Arguments.of(42L, "{\"v\":42}"),
                Arguments.of(-7, "{\"v\":-7}"),
                Arguments.of(new BigDecimal("12.50"), "{\"v\":12.5}"),
                Arguments.of("a\"b\\c\nd\u0001", "{\"v\":\"a\\\"b\\\\c\\nd\\u0001\"}"),
                Arguments.of("催收", "{\"v\":\"催收\"}"),
                Arguments.of("x\u0000y", "{\"v\":\"x\uFFFDy\"}"),
                Arguments.of(Flag.DISPUTE_OPEN, "{\"v\":\"DISPUTE_OPEN\"}"),
                Arguments.of(Instant.parse("2026-11-23T04:00:00Z"), "{\"v\":\"2026-11-23T04:00:00Z\"}"),
                Arguments.of(LocalDate.parse("2026-11-23"), "{\"v\":\"2026-11-23\"}"),
                Arguments.of(List.of("US-REGF/7-in-7", "US-REGF/dispute"),
                        "{\"v\":[\"US-REGF/7-in-7\",\"US-REGF/dispute\"]}"),
                Arguments.of(Map.of("b", 1, "a", 2), "{\"v\":{\"a\":2,\"b\":1}}"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("values")
    void writesEachValueCanonically(Object value, String json) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("v", value);
        assertThat(CanonicalJson.write(details)).isEqualTo(json);
    }

    @Test
    void keysAreSorted_whateverTheMapOrder() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("zeta", 1);
        details.put("alpha", 2);
        details.put("Mid", 3);
        assertThat(CanonicalJson.write(details)).isEqualTo("{\"Mid\":3,\"alpha\":2,\"zeta\":1}");
        assertThat(CanonicalJson.write(null)).isEqualTo("{}");
    }

    @Test
    void floatingPointAndUnknownTypes_areRefused() {
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("amount", 1.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("floating point");
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("x", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("x", Arrays.asList(1, new Object()))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
