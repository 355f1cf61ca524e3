package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.ContactRequest.Address;
import dev.arrears.compliance.domain.Debtor.InstantRange;
import dev.arrears.compliance.domain.Debtor.LocalTimeRange;
import dev.arrears.compliance.domain.Debtor.OptOut;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The SHA-256 of a contact request as evaluated, over a canonical text of every field (sets sorted, lists in
 * order, instants in ISO UTC, absent values as {@code -}), so that the same request hashes alike in every JVM and
 * a stored verdict proves what was asked without keeping the personal data it contained.
 */
public final class RequestDigest {

    private RequestDigest() {
    }

    /** Returns the lower-case hex SHA-256 (64 characters) of the request's canonical text. */
    public static String sha256(ContactRequest request) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Returns the canonical text hashed: one field per line, {@code name=value}. */
    static String canonical(ContactRequest r) {
        StringBuilder text = new StringBuilder(512);
        field(text, "jurisdiction", r.jurisdiction());
        field(text, "channel", r.channel());
        field(text, "at", r.at());
        field(text, "purpose", r.purpose());
        field(text, "debtId", r.debtId());
        field(text, "recipient", r.recipient());
        Address address = r.address();
        raw(text, "address", address == null ? "-" : address.kind() + " " + escape(address.value()));
        field(text, "message.hasOptOut", r.message() == null ? null : r.message().hasOptOut());
        field(text, "automated", r.automated());
        field(text, "debtType", r.debtType());
        Debtor d = r.debtor();
        field(text, "debtor.timeZones", d.timeZones().stream().map(Object::toString).toList());
        field(text, "debtor.flags", sorted(d.flags()));
        field(text, "debtor.disputedDebtIds", sorted(d.disputedDebtIds()));
        field(text, "debtor.optOuts", d.optOuts().stream().map(RequestDigest::optOut).sorted().toList());
        field(text, "debtor.consents", sorted(d.consents()));
        field(text, "debtor.consentedTimes", d.consentedTimes().stream().map(RequestDigest::range).toList());
        field(text, "debtor.inconvenientTimes", d.inconvenientTimes().stream().map(RequestDigest::range).toList());
        field(text, "debtor.region", d.region());
        int i = 0;
        for (Attempt a : r.history()) {
            raw(text, "history." + i++, a.channel() + " " + a.direction() + " " + a.at() + " " + a.outcome() + " "
                    + sorted(a.debtIds()) + " " + escape(a.address()));
        }
        return text.toString();
    }

    private static void field(StringBuilder text, String name, Object value) {
        text.append(name).append('=').append(value == null ? "-" : value instanceof String s ? escape(s) : value)
                .append('\n');
    }

    /** Appends a field whose value is already escaped. */
    private static void raw(StringBuilder text, String name, String value) {
        text.append(name).append('=').append(value).append('\n');
    }

    private static List<String> sorted(Collection<?> values) {
        return values.stream().map(v -> escape(Objects.toString(v))).sorted().toList();
    }

    private static String optOut(OptOut o) {
        return o.channel() + " " + escape(o.address());
    }

    private static String range(InstantRange r) {
        return r.from() + "/" + r.to();
    }

    private static String range(LocalTimeRange r) {
        return r.from() + "/" + r.to();
    }

    /** Escapes the characters that separate fields and values, so that no two requests share a text. */
    private static String escape(String value) {
        if (value == null) {
            return "-";
        }
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace(" ", "\\s").replace(",", "\\c")
                .replace("-", "\\-");
    }
}
