package dev.arrears.audit.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chain's arithmetic without a database: a sealed chain verifies; each kind of tampering is found where it is. */
class ChainWalkTest {

    private static final ChainKey KEY = ChainKey.of("unit-test-audit-key-0123456789-abcdefgh");

    /** One sealed entry as the walk reads it. */
    record Sealed(long position, EntryContent content, byte[] mac, byte[] link) {
    }

    /** Seals n entries the way the sealer does. */
    static List<Sealed> chain(int n) {
        Chain chain = new Chain(KEY);
        List<Sealed> sealed = new ArrayList<>();
        byte[] previous = Chain.GENESIS;
        for (int i = 1; i <= n; i++) {
            EntryContent content = new EntryContent(1000 + i, Instant.parse("2026-11-23T04:00:00.000123Z")
                    .plusSeconds(i), "FLAG_CHANGED", "li.wei", "customer", Integer.toString(40 + i),
                    "{\"flag\":\"DISPUTE_OPEN\",\"set\":true}");
            byte[] mac = chain.entryMac(content);
            byte[] link = chain.link(previous, i, mac);
            sealed.add(new Sealed(i, content, mac, link));
            previous = link;
        }
        return sealed;
    }

    static ChainWalk walk(List<Sealed> entries, ChainKey key) {
        ChainWalk walk = new ChainWalk(key);
        entries.forEach(e -> walk.accept(e.position(), e.content(), e.mac(), e.link()));
        return walk;
    }

    @Test
    void sealedChain_verifiesAndCountsEveryEntry() {
        List<Sealed> entries = chain(10);
        ChainWalk walk = walk(entries, KEY);
        assertThat(walk.ok()).isTrue();
        assertThat(walk.entries()).isEqualTo(10);
        assertThat(walk.brokenAt()).isZero();
        assertThat(walk.head()).isEqualTo(entries.getLast().link());
    }

    @Test
    void emptyChain_verifiesWithTheGenesisHead() {
        ChainWalk walk = walk(List.of(), KEY);
        assertThat(walk.ok()).isTrue();
        assertThat(walk.entries()).isZero();
        assertThat(walk.head()).isEqualTo(Chain.GENESIS);
    }

    @ParameterizedTest(name = "{0} at position {1} breaks at {1}")
    @CsvSource({"kind, 1", "actor, 4", "subject, 7", "details, 10", "time, 5", "id, 3"})
    void changedContent_breaksAtItsPosition(String field, int position) {
        List<Sealed> entries = new ArrayList<>(chain(10));
        Sealed s = entries.get(position - 1);
        EntryContent c = s.content();
        UnaryOperator<EntryContent> change = switch (field) {
            case "kind" -> e -> new EntryContent(e.id(), e.occurredAt(), "LOGIN_FAILED", e.actor(), e.subjectType(),
                    e.subjectId(), e.details());
            case "actor" -> e -> new EntryContent(e.id(), e.occurredAt(), e.kind(), "someone.else", e.subjectType(),
                    e.subjectId(), e.details());
            case "subject" -> e -> new EntryContent(e.id(), e.occurredAt(), e.kind(), e.actor(), e.subjectType(),
                    "999", e.details());
            case "details" -> e -> new EntryContent(e.id(), e.occurredAt(), e.kind(), e.actor(), e.subjectType(),
                    e.subjectId(), "{\"flag\":\"DISPUTE_OPEN\",\"set\":false}");
            case "time" -> e -> new EntryContent(e.id(), e.occurredAt().plusNanos(1000), e.kind(), e.actor(),
                    e.subjectType(), e.subjectId(), e.details());
            default -> e -> new EntryContent(e.id() + 1, e.occurredAt(), e.kind(), e.actor(), e.subjectType(),
                    e.subjectId(), e.details());
        };
        entries.set(position - 1, new Sealed(s.position(), change.apply(c), s.mac(), s.link()));
        ChainWalk walk = walk(entries, KEY);
        assertThat(walk.ok()).isFalse();
        assertThat(walk.brokenAt()).isEqualTo(position);
        assertThat(walk.entries()).isEqualTo(10);
    }

    @Test
    void deletedEntry_breaksAtTheMissingPosition() {
        List<Sealed> entries = new ArrayList<>(chain(10));
        entries.remove(5);
        assertThat(walk(entries, KEY).brokenAt()).isEqualTo(6);
    }

    @Test
    void swappedEntries_breakAtTheFirstOfThePair() {
        List<Sealed> entries = new ArrayList<>(chain(10));
        Sealed third = entries.get(2);
        Sealed fourth = entries.get(3);
        // the rows trade places: each keeps its content, MAC and link but takes the other's position
        entries.set(2, new Sealed(3, fourth.content(), fourth.mac(), fourth.link()));
        entries.set(3, new Sealed(4, third.content(), third.mac(), third.link()));
        assertThat(walk(entries, KEY).brokenAt()).isEqualTo(3);
    }

    @Test
    void insertedEntry_withAForgedLink_breaksWhereItWasInserted() {
        List<Sealed> chain = chain(10);
        List<Sealed> entries = new ArrayList<>();
        for (Sealed s : chain) {
            if (s.position() < 5) {
                entries.add(s);
            } else {
                entries.add(new Sealed(s.position() + 1, s.content(), s.mac(), s.link()));
            }
        }
        EntryContent forged = new EntryContent(9999, Instant.parse("2026-11-23T05:00:00Z"), "APPROVAL", "boss",
                "settlement", "7", "{}");
        entries.add(4, new Sealed(5, forged, new byte[32], new byte[32]));
        assertThat(walk(entries, KEY).brokenAt()).isEqualTo(5);
    }

    @Test
    void anotherKey_breaksAtTheFirstEntry() {
        ChainWalk walk = walk(chain(3), ChainKey.of("another-audit-key-0123456789-abcdefghijk"));
        assertThat(walk.brokenAt()).isEqualTo(1);
    }

    @Test
    void entryMac_isHmacSha256OfTheDocumentedBytes() throws Exception {
        EntryContent e = new EntryContent(7, Instant.parse("1970-01-01T00:00:01Z"), "K", "a", "t", "s", "{}");
        // 0x01, id 7, 1,000,000 µs, then each text as a 4-byte length and its UTF-8 bytes
        String bytes = "01" + "0000000000000007" + "00000000000f4240"
                + "00000001" + "4b" + "00000001" + "61" + "00000001" + "74" + "00000001" + "73" + "00000002" + "7b7d";
        javax.crypto.Mac mac = KEY.mac();
        byte[] expected = mac.doFinal(HexFormat.of().parseHex(bytes));
        assertThat(new Chain(KEY).entryMac(e)).isEqualTo(expected);
    }

    @Test
    void contentBelowMicroseconds_isRefused() {
        assertThatThrownBy(() -> new EntryContent(1, Instant.parse("2026-01-01T00:00:00.000000001Z"), "K", "a", "t",
                "s", "{}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortKey_isRefused() {
        assertThatThrownBy(() -> ChainKey.of("too-short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fingerprint_isStablePerKeyAndHidesTheValue() {
        String one = new Chain(KEY).fingerprint("+8613800138000");
        assertThat(new Chain(KEY).fingerprint("+8613800138000")).isEqualTo(one);
        assertThat(one).hasSize(64).doesNotContain("13800138000");
        assertThat(new Chain(ChainKey.of("another-audit-key-0123456789-abcdefghijk")).fingerprint("+8613800138000"))
                .isNotEqualTo(one);
    }
}
