package dev.arrears.privacy;

/**
 * One customer's personal data as delivered: the JSON bytes of the export and their SHA-256 (lower-case hex), the
 * hash announced in {@link PersonalDataExported} so that the delivered file can be matched to the audit trail.
 */
public record PersonalDataExport(long customerId, String externalRef, byte[] json, String sha256) {
}
