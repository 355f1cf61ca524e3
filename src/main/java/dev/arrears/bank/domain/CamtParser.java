package dev.arrears.bank.domain;

import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads a camt.053 or camt.054 file with StAX, streaming, into a {@link CamtFile}. Secure by construction: no DTD,
 * no external entities (a DOCTYPE is an error). The root must be {@code Document} in the namespace of the expected
 * kind, versions .001.02 to .001.08; anything else, a malformed file, or an entry that cannot be read (an amount
 * without currency or with too many decimals, a date that is not a date, a batch transaction without an amount)
 * throws an {@link InvalidInputException} listing every problem with its line and column, so that nothing of the
 * file is used. Only the elements reconciliation needs are read; the rest is skipped.
 */
public final class CamtParser {

    private static final int MAX_ERRORS = 100;
    private static final String DBTR_NAME = "/RltdPties/Dbtr/Nm";
    private static final String DBTR_PARTY_NAME = "/RltdPties/Dbtr/Pty/Nm";

    private final XMLInputFactory factory;

    public CamtParser() {
        factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /** Parses a whole file of the expected kind; throws {@link InvalidInputException} naming each problem. */
    public CamtFile parse(CamtKind expected, InputStream in) {
        Run run = new Run(expected);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(in);
            run.read(reader);
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            run.errors.add(FieldError.atLine(at == null ? 0 : at.getLineNumber(),
                    at == null ? null : String.valueOf(at.getColumnNumber()), "malformed XML: " + message(e)));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // closing a failed reader; the failure itself is reported
                }
            }
        }
        if (!run.errors.isEmpty()) {
            throw new InvalidInputException(run.errors);
        }
        if (run.version < 0) {
            throw new InvalidInputException(FieldError.atLine(0, null, "the file is empty: expected a "
                    + expected.message() + " document"));
        }
        return new CamtFile(expected, run.version, run.messageId, run.entries, run.notBooked, run.debitsIgnored,
                run.credits, run.returns);
    }

    /** Returns the parser's message without the JDK's "ParseError at [row,col]" prefix. */
    private static String message(XMLStreamException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int at = text.indexOf("Message: ");
        return (at >= 0 ? text.substring(at + "Message: ".length()) : text).strip();
    }

    /** One parse: the element path, the current statement, entry and transaction, and what was read so far. */
    private static final class Run {
        final CamtKind kind;
        final List<FieldError> errors = new ArrayList<>();
        final List<BankCredit> credits = new ArrayList<>();
        final List<BankCredit> returns = new ArrayList<>();
        final Map<String, Integer> fingerprints = new HashMap<>();
        final StringBuilder path = new StringBuilder(128);
        final int[] lengths = new int[64];
        int depth;
        int version = -1;
        String namespace;
        String messageId;
        int entries;
        int notBooked;
        int debitsIgnored;
        // the current report (Stmt or Ntfctn), entry and transaction; their path lengths, 0 outside them
        int reportAt;
        int entryAt;
        int txAt;
        int skipAt;
        String bankAccount;
        Entry entry;
        Tx tx;

        Run(CamtKind kind) {
            this.kind = kind;
        }

        void read(XMLStreamReader r) throws XMLStreamException {
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> {
                        error(r, "a DOCTYPE is not allowed in a " + kind.message() + " file");
                        return;
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> {
                        error(r, "entity references are not allowed: &" + r.getLocalName() + ";");
                        return;
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (!start(r)) {
                            return;
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> end(r);
                    default -> {
                        // text between elements we do not read, comments, processing instructions
                    }
                }
            }
        }

        /** Handles a start tag; returns false when the document is not ours and reading must stop. */
        boolean start(XMLStreamReader r) throws XMLStreamException {
            push(r.getLocalName());
            if (depth == 1) {
                return root(r);
            }
            if (skipAt > 0) {
                return true;
            }
            String ns = r.getNamespaceURI();
            if (!namespace.equals(ns)) {
                if ("SplmtryData".equals(r.getLocalName()) || "Envlp".equals(r.getLocalName())) {
                    skipAt = path.length();
                    return true;
                }
                error(r, "element " + r.getLocalName() + " is in namespace " + (ns == null ? "(none)" : ns)
                        + ", expected " + namespace);
                return errors.size() < MAX_ERRORS;
            }
            if ("SplmtryData".equals(r.getLocalName())) {
                skipAt = path.length();
                return true;
            }
            if (depth == 2) {
                if (!kind.messageElement().equals(r.getLocalName())) {
                    error(r, "expected " + kind.messageElement() + " under Document of a " + kind.message()
                            + " file, found " + r.getLocalName());
                    return false;
                }
                return true;
            }
            if (txAt > 0) {
                txField(r, path.substring(txAt));
            } else if (entryAt > 0) {
                entryField(r, path.substring(entryAt));
            } else if (reportAt > 0) {
                reportField(r, path.substring(reportAt));
            } else if (depth == 3 && kind.reportElement().equals(r.getLocalName())) {
                reportAt = path.length();
                bankAccount = null;
            } else if (depth == 4 && "MsgId".equals(r.getLocalName()) && endsWith("/GrpHdr/MsgId")) {
                messageId = text(r);
            }
            return true;
        }

        /** Checks the root element and its namespace; returns false when the file is not of the expected kind. */
        boolean root(XMLStreamReader r) {
            String ns = r.getNamespaceURI();
            int v = kind.version(ns);
            if (!"Document".equals(r.getLocalName()) || v < 0) {
                CamtKind other = kind == CamtKind.CAMT053 ? CamtKind.CAMT054 : CamtKind.CAMT053;
                String hint = other.version(ns) > 0 ? "; this is a " + other.message() + " file, import it as "
                        + other.code() : "";
                error(r, "expected a " + kind.message() + " document (root Document in namespace "
                        + kind.namespace(CamtKind.FIRST_VERSION) + " to ." + "%02d".formatted(CamtKind.LAST_VERSION)
                        + "), found " + r.getLocalName() + " in namespace " + (ns == null || ns.isEmpty() ? "(none)"
                        : ns) + hint);
                return false;
            }
            version = v;
            namespace = ns;
            return true;
        }

        void reportField(XMLStreamReader r, String rel) throws XMLStreamException {
            switch (rel) {
                case "/Acct/Id/IBAN", "/Acct/Id/Othr/Id" -> bankAccount = text(r).replace(" ", "");
                case "/Ntry" -> {
                    entryAt = path.length();
                    entries++;
                    entry = new Entry(entries, r.getLocation().getLineNumber(), r.getLocation().getColumnNumber());
                }
                default -> {
                }
            }
        }

        void entryField(XMLStreamReader r, String rel) throws XMLStreamException {
            switch (rel) {
                case "/Amt" -> entry.amount = amount(r);
                case "/CdtDbtInd" -> entry.creditDebit = text(r);
                case "/RvslInd" -> {
                    String value = text(r).strip();
                    entry.reversal = "true".equals(value) || "1".equals(value);
                }
                case "/Sts", "/Sts/Cd" -> {
                    if (rel.equals("/Sts/Cd") || version < 8) {
                        entry.status = text(r);
                    }
                }
                case "/BookgDt/Dt" -> entry.bookingDate = date(r);
                case "/BookgDt/DtTm" -> {
                    OffsetDateTime at = dateTime(r);
                    if (at != null) {
                        entry.bookingDate = at.toLocalDate();
                        entry.bookedAt = at.toInstant();
                    }
                }
                case "/ValDt/Dt" -> entry.valueDate = date(r);
                case "/ValDt/DtTm" -> {
                    OffsetDateTime at = dateTime(r);
                    entry.valueDate = at == null ? null : at.toLocalDate();
                }
                case "/AcctSvcrRef" -> entry.servicerRef = blankToNull(text(r));
                case "/NtryRef" -> entry.entryRef = blankToNull(text(r));
                case "/AddtlNtryInf" -> entry.info = blankToNull(text(r));
                case "/NtryDtls/TxDtls" -> {
                    txAt = path.length();
                    tx = new Tx(r.getLocation().getLineNumber(), r.getLocation().getColumnNumber());
                    entry.txs.add(tx);
                }
                default -> {
                }
            }
        }

        void txField(XMLStreamReader r, String rel) throws XMLStreamException {
            switch (rel) {
                case "/Refs/AcctSvcrRef" -> tx.servicerRef = blankToNull(text(r));
                case "/Refs/EndToEndId" -> tx.endToEndId = blankToNull(text(r));
                case "/Amt" -> tx.amount = amount(r);
                case "/AmtDtls/TxAmt/Amt" -> tx.txAmount = amount(r);
                case "/AmtDtls/InstdAmt/Amt" -> tx.instructedAmount = amount(r);
                case DBTR_NAME, DBTR_PARTY_NAME -> {
                    String name = blankToNull(text(r));
                    if (tx.debtorName == null) {
                        tx.debtorName = name;
                    }
                }
                case "/RmtInf/Ustrd" -> tx.unstructured.add(text(r).strip());
                case "/RmtInf/Strd/CdtrRefInf/Ref" -> {
                    String ref = blankToNull(text(r));
                    if (ref != null) {
                        tx.structured.add(ref);
                    }
                }
                case "/AddtlTxInf" -> tx.info = blankToNull(text(r));
                default -> {
                }
            }
        }

        void end(XMLStreamReader r) {
            int length = path.length();
            if (skipAt == length) {
                skipAt = 0;
            } else if (txAt == length) {
                txAt = 0;
                tx = null;
            } else if (entryAt == length) {
                finishEntry();
                entryAt = 0;
                entry = null;
            } else if (reportAt == length) {
                reportAt = 0;
            }
            pop();
        }

        /** Turns a finished entry into credits or returns, or counts it as ignored. */
        void finishEntry() {
            Entry e = entry;
            if (e.amount == null || e.creditDebit == null) {
                if (e.amount == null && !e.amountBad) {
                    errorAt(e.line, e.column, "entry " + e.number + " has no Amt");
                }
                if (e.creditDebit == null) {
                    errorAt(e.line, e.column, "entry " + e.number + " has no CdtDbtInd");
                }
                return;
            }
            if (e.status == null || !"BOOK".equals(e.status.strip())) {
                notBooked++;
                return;
            }
            boolean credit = "CRDT".equals(e.creditDebit);
            if (!credit && !"DBIT".equals(e.creditDebit)) {
                errorAt(e.line, e.column, "entry " + e.number + ": CdtDbtInd is '" + e.creditDebit
                        + "', expected CRDT or DBIT");
                return;
            }
            if (credit == e.reversal) {
                debitsIgnored++; // a debit, or a reversal of a debit: not a customer's payment
                return;
            }
            if (e.bookingDate == null) {
                errorAt(e.line, e.column, "entry " + e.number + " has no BookgDt");
                return;
            }
            Instant bookedAt = e.bookedAt != null ? e.bookedAt : e.bookingDate.atTime(12, 0).toInstant(ZoneOffset.UTC);
            String account = bankAccount == null ? "?" : bankAccount;
            List<BankCredit> target = credit ? credits : returns;
            if (e.txs.size() <= 1) {
                Tx t = e.txs.isEmpty() ? new Tx(e.line, e.column) : e.txs.getFirst();
                String ref = t.servicerRef != null ? t.servicerRef : e.servicerRef;
                target.add(credit(e, t, 1, account, ref, e.amount, bookedAt, !credit));
                return;
            }
            for (int i = 0; i < e.txs.size(); i++) {
                Tx t = e.txs.get(i);
                Amount amount = t.amount != null ? t.amount : t.txAmount != null ? t.txAmount : t.instructedAmount;
                if (amount == null) {
                    errorAt(t.line, t.column, "entry " + e.number + ", transaction " + (i + 1)
                            + " of a batch has no amount (TxDtls/Amt or AmtDtls/TxAmt/Amt)");
                    continue;
                }
                String ref = t.servicerRef;
                if (ref == null && e.servicerRef != null) {
                    ref = e.servicerRef + "/" + (usable(t.endToEndId) ? t.endToEndId : String.valueOf(i + 1));
                }
                target.add(credit(e, t, i + 1, account, ref, amount, bookedAt, !credit));
            }
        }

        BankCredit credit(Entry e, Tx t, int txNumber, String account, String servicerRef, Amount amount,
                          Instant bookedAt, boolean returned) {
            List<String> text = new ArrayList<>(t.unstructured);
            if (t.info != null) {
                text.add(t.info);
            }
            if (e.info != null && e.txs.size() <= 1) {
                text.add(e.info);
            }
            String remittance = text.isEmpty() ? null : String.join(" ", text);
            String endToEnd = usable(t.endToEndId) ? t.endToEndId : null;
            String key;
            if (servicerRef != null) {
                key = account + "|" + servicerRef;
            } else {
                String fingerprint = String.join("\u001f", account, String.valueOf(e.bookingDate),
                        String.valueOf(e.valueDate), String.valueOf(amount.minor), amount.currency.getCurrencyCode(),
                        String.valueOf(returned), String.valueOf(e.entryRef), String.valueOf(endToEnd),
                        String.valueOf(t.debtorName), String.join(",", t.structured), String.valueOf(remittance),
                        String.valueOf(txNumber));
                // identical bookings in one file are told apart by their order
                int occurrence = fingerprints.merge(fingerprint, 1, Integer::sum);
                key = account + "|h:" + sha256(fingerprint + "\u001f" + occurrence).substring(0, 32);
            }
            return new BankCredit(key, account, servicerRef, e.number, txNumber, e.line, amount.minor,
                    amount.currency, e.bookingDate, e.valueDate, bookedAt, endToEnd, t.debtorName, t.structured,
                    remittance, returned);
        }

        Amount amount(XMLStreamReader r) throws XMLStreamException {
            int line = r.getLocation().getLineNumber();
            int column = r.getLocation().getColumnNumber();
            String code = r.getAttributeValue(null, "Ccy");
            String text = text(r).strip();
            Currency currency;
            try {
                currency = code == null ? null : Currency.getInstance(code.strip());
            } catch (IllegalArgumentException e) {
                currency = null;
            }
            if (currency == null) {
                markBadAmount();
                errorAt(line, column, code == null ? "amount " + text + " has no Ccy attribute"
                        : "unknown currency '" + code + "'");
                return null;
            }
            BigDecimal value;
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                markBadAmount();
                errorAt(line, column, "amount '" + text + "' is not a decimal number");
                return null;
            }
            int digits = Math.max(0, currency.getDefaultFractionDigits());
            BigDecimal stripped = value.stripTrailingZeros();
            if (value.signum() < 0 || stripped.scale() > digits || stripped.precision() - stripped.scale() > 15) {
                markBadAmount();
                errorAt(line, column, "amount '" + text + "' is not a valid amount in " + currency.getCurrencyCode()
                        + (value.signum() < 0 ? " (negative)" : stripped.scale() > digits ? " (more than " + digits
                        + " decimals)" : " (too large)"));
                return null;
            }
            return new Amount(value.movePointRight(digits).longValueExact(), currency);
        }

        void markBadAmount() {
            if (entry != null) {
                entry.amountBad = true;
            }
        }

        LocalDate date(XMLStreamReader r) throws XMLStreamException {
            int line = r.getLocation().getLineNumber();
            int column = r.getLocation().getColumnNumber();
            String text = text(r).strip();
            try {
                // ISODate may carry a zone offset (2026-11-20+01:00); the date is what counts
                return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
            } catch (DateTimeParseException e) {
                errorAt(line, column, "'" + text + "' is not a date (YYYY-MM-DD)");
                return null;
            }
        }

        OffsetDateTime dateTime(XMLStreamReader r) throws XMLStreamException {
            int line = r.getLocation().getLineNumber();
            int column = r.getLocation().getColumnNumber();
            String text = text(r).strip();
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                try {
                    // no offset: the date is what the bank booked; noon UTC keeps it in every zone
                    return LocalDateTime.parse(text).toLocalDate().atTime(12, 0).atOffset(ZoneOffset.UTC);
                } catch (DateTimeParseException again) {
                    errorAt(line, column, "'" + text + "' is not a date-time (YYYY-MM-DDThh:mm:ss)");
                    return null;
                }
            }
        }

        /** Reads a leaf element's text and leaves the path as if its end tag had been handled. */
        String text(XMLStreamReader r) throws XMLStreamException {
            String text = r.getElementText();
            pop();
            return text;
        }

        boolean endsWith(String suffix) {
            int n = suffix.length();
            return path.length() >= n && path.substring(path.length() - n).equals(suffix);
        }

        void push(String name) {
            if (depth == lengths.length) {
                throw new IllegalStateException("elements nested deeper than " + lengths.length);
            }
            lengths[depth++] = path.length();
            path.append('/').append(name);
        }

        void pop() {
            path.setLength(lengths[--depth]);
        }

        void error(XMLStreamReader r, String detail) {
            Location at = r.getLocation();
            errorAt(at.getLineNumber(), at.getColumnNumber(), detail);
        }

        void errorAt(int line, int column, String detail) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(FieldError.atLine(line, String.valueOf(column), detail));
            }
        }
    }

    /** What an {@code Ntry} says, read as it streams by. */
    private static final class Entry {
        final int number;
        final int line;
        final int column;
        Amount amount;
        boolean amountBad;
        String creditDebit;
        boolean reversal;
        String status;
        LocalDate bookingDate;
        Instant bookedAt;
        LocalDate valueDate;
        String servicerRef;
        String entryRef;
        String info;
        final List<Tx> txs = new ArrayList<>(1);

        Entry(int number, int line, int column) {
            this.number = number;
            this.line = line;
            this.column = column;
        }
    }

    /** What one {@code TxDtls} says. */
    private static final class Tx {
        final int line;
        final int column;
        String servicerRef;
        String endToEndId;
        Amount amount;
        Amount txAmount;
        Amount instructedAmount;
        String debtorName;
        String info;
        final List<String> unstructured = new ArrayList<>(1);
        final List<String> structured = new ArrayList<>(1);

        Tx(int line, int column) {
            this.line = line;
            this.column = column;
        }
    }

    private record Amount(long minor, Currency currency) {
    }

    /** Returns false for an absent end-to-end id and the placeholder banks send when there was none. */
    private static boolean usable(String endToEndId) {
        return endToEndId != null && !"NOTPROVIDED".equalsIgnoreCase(endToEndId);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
