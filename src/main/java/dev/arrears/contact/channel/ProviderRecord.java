package dev.arrears.contact.channel;

import java.util.List;

/** What a provider knows of a contact key: ACCEPTED (with its ids), ABSENT (never received) or UNKNOWN. */
public record ProviderRecord(Known known, List<String> providerIds) {

    public static final ProviderRecord UNKNOWN = new ProviderRecord(Known.UNKNOWN, List.of());
    public static final ProviderRecord ABSENT = new ProviderRecord(Known.ABSENT, List.of());

    public ProviderRecord {
        providerIds = providerIds == null ? List.of() : List.copyOf(providerIds);
    }

    /** Whether the provider accepted the contact, never received it, or cannot tell. */
    public enum Known { ACCEPTED, ABSENT, UNKNOWN }
}
