package dev.arrears.bank.domain;

import java.util.Locale;

/**
 * The two camt messages Arrears reads: the end-of-day account statement (camt.053, {@code BkToCstmrStmt} of
 * {@code Stmt}) and the debit/credit notification (camt.054, {@code BkToCstmrDbtCdtNtfctn} of {@code Ntfctn}),
 * each in versions .001.02 to .001.08.
 */
public enum CamtKind {
    CAMT053("camt.053", "BkToCstmrStmt", "Stmt"),
    CAMT054("camt.054", "BkToCstmrDbtCdtNtfctn", "Ntfctn");

    /** Lowest and highest supported message versions (.001.02 to .001.08). */
    public static final int FIRST_VERSION = 2;
    public static final int LAST_VERSION = 8;
    private static final String NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:";

    private final String message;
    private final String messageElement;
    private final String reportElement;

    CamtKind(String message, String messageElement, String reportElement) {
        this.message = message;
        this.messageElement = messageElement;
        this.reportElement = reportElement;
    }

    /** Returns the message name, {@code camt.053}. */
    public String message() {
        return message;
    }

    /** Returns the element under {@code Document}: {@code BkToCstmrStmt} or {@code BkToCstmrDbtCdtNtfctn}. */
    public String messageElement() {
        return messageElement;
    }

    /** Returns the element of one account's report: {@code Stmt} or {@code Ntfctn}. */
    public String reportElement() {
        return reportElement;
    }

    /** Returns the lower-case name used in paths and commands, {@code camt053}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the version (2 to 8) a namespace names for this kind, or -1 when it is not one of ours. */
    public int version(String namespace) {
        if (namespace == null || !namespace.startsWith(NAMESPACE_PREFIX + message + ".001.")) {
            return -1;
        }
        String tail = namespace.substring((NAMESPACE_PREFIX + message + ".001.").length());
        if (!tail.matches("\\d{2}")) {
            return -1;
        }
        int version = Integer.parseInt(tail);
        return version >= FIRST_VERSION && version <= LAST_VERSION ? version : -1;
    }

    /** Returns the namespace of a version, {@code urn:iso:std:iso:20022:tech:xsd:camt.053.001.08}. */
    public String namespace(int version) {
        return NAMESPACE_PREFIX + message + ".001.%02d".formatted(version);
    }

    /** Returns the kind named by a code such as {@code camt053} or {@code camt.054}; null for anything else. */
    public static CamtKind parse(String code) {
        if (code == null) {
            return null;
        }
        String c = code.strip().toLowerCase(Locale.ROOT).replace(".", "");
        for (CamtKind kind : values()) {
            if (kind.code().equals(c)) {
                return kind;
            }
        }
        return null;
    }
}
