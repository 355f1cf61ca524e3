package dev.arrears.bank.domain;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ISO 20022 {@code pain.008.001.08} (customer direct debit initiation) files: {@link #write} turns a batch of
 * collections into the XML a creditor sends its bank, one payment information block per currency, local instrument
 * (CORE, B2B) and sequence type (FRST, RCUR); {@link #validate} checks a file against the ISO schema (taken from
 * the classpath, where the hbci4j-core jar brings it) and returns each problem with its line and column. The
 * service level is SEPA for euro blocks and left out for others, where SEPA does not apply.
 */
public final class Pain008 {

    /** The namespace, which names the version. */
    public static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08";
    /** The schema's resource on the classpath. */
    static final String SCHEMA_RESOURCE = "/pain.008.001.08.xsd";
    /** Debtor agent when the mandate names no BIC (allowed by the SEPA rulebook since 2016). */
    static final String NOT_PROVIDED = "NOTPROVIDED";
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private Pain008() {
    }

    /** The creditor: who collects, into which account, under which creditor identifier. */
    public record Creditor(String name, String iban, String bic, String schemeId) {
    }

    /**
     * One collection: its end-to-end id, amount in minor units of its currency, sequence type, local instrument,
     * the mandate (reference and signature date) and the debtor's account: an IBAN (with a BIC or none) or, for a
     * non-IBAN payment agreement, the agreement's id.
     */
    public record Collection(String endToEndId, long amountMinor, Currency currency, String sequence,
                             String localInstrument, String mandateRef, LocalDate signedOn, String debtorName,
                             String debtorIban, String debtorBic, String agreementId, String remittance) {
    }

    /** A file: message id, creation time, requested collection date, creditor and collections. */
    public record Batch(String messageId, Instant createdAt, LocalDate collectionDate, Creditor creditor,
                        List<Collection> collections) {
    }

    /** A problem the schema found, at its line and column of the file. */
    public record Problem(int line, int column, String detail) {
    }

    /** Returns the file of a batch, UTF-8 XML, indented. */
    public static String write(Batch batch) {
        if (batch.collections().isEmpty()) {
            throw new IllegalArgumentException("a pain.008 file needs at least one collection");
        }
        Map<String, List<Collection>> blocks = new LinkedHashMap<>();
        for (Collection c : batch.collections()) {
            blocks.computeIfAbsent(c.currency().getCurrencyCode() + "/" + c.localInstrument() + "/" + c.sequence(),
                    k -> new ArrayList<>()).add(c);
        }
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            Indent w = new Indent(x);
            x.writeStartDocument("UTF-8", "1.0");
            w.start("Document");
            x.writeDefaultNamespace(NAMESPACE);
            w.start("CstmrDrctDbtInitn");
            w.start("GrpHdr");
            w.text("MsgId", batch.messageId());
            w.text("CreDtTm", CREATED.format(batch.createdAt().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
            w.text("NbOfTxs", Integer.toString(batch.collections().size()));
            w.text("CtrlSum", controlSum(batch.collections()).toPlainString());
            w.start("InitgPty");
            w.text("Nm", batch.creditor().name());
            w.end();
            w.end();
            int block = 0;
            for (List<Collection> collections : blocks.values()) {
                Collection first = collections.getFirst();
                block++;
                w.start("PmtInf");
                w.text("PmtInfId", (batch.messageId() + "-" + block));
                w.text("PmtMtd", "DD");
                w.text("BtchBookg", "true");
                w.text("NbOfTxs", Integer.toString(collections.size()));
                w.text("CtrlSum", controlSum(collections).toPlainString());
                w.start("PmtTpInf");
                if ("EUR".equals(first.currency().getCurrencyCode())) {
                    w.start("SvcLvl");
                    w.text("Cd", "SEPA");
                    w.end();
                }
                w.start("LclInstrm");
                w.text("Cd", first.localInstrument());
                w.end();
                w.text("SeqTp", first.sequence());
                w.end();
                w.text("ReqdColltnDt", batch.collectionDate().toString());
                w.start("Cdtr");
                w.text("Nm", batch.creditor().name());
                w.end();
                w.start("CdtrAcct");
                w.start("Id");
                w.text("IBAN", batch.creditor().iban());
                w.end();
                w.end();
                agent(w, "CdtrAgt", batch.creditor().bic());
                w.text("ChrgBr", "SLEV");
                w.start("CdtrSchmeId");
                w.start("Id");
                w.start("PrvtId");
                w.start("Othr");
                w.text("Id", batch.creditor().schemeId());
                w.start("SchmeNm");
                w.text("Prtry", "SEPA");
                w.end();
                w.end();
                w.end();
                w.end();
                w.end();
                for (Collection c : collections) {
                    transaction(w, c);
                }
                w.end();
            }
            w.end();
            w.end();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write the pain.008 file", e);
        }
        return out.toString();
    }

    private static void transaction(Indent w, Collection c) throws XMLStreamException {
        w.start("DrctDbtTxInf");
        w.start("PmtId");
        w.text("EndToEndId", c.endToEndId());
        w.end();
        w.startWith("InstdAmt", "Ccy", c.currency().getCurrencyCode(), major(c.amountMinor(), c.currency()));
        w.start("DrctDbtTx");
        w.start("MndtRltdInf");
        w.text("MndtId", c.mandateRef());
        w.text("DtOfSgntr", c.signedOn().toString());
        w.end();
        w.end();
        agent(w, "DbtrAgt", c.debtorBic());
        w.start("Dbtr");
        w.text("Nm", cut(c.debtorName(), 140));
        w.end();
        w.start("DbtrAcct");
        w.start("Id");
        if (c.debtorIban() != null) {
            w.text("IBAN", c.debtorIban());
        } else {
            w.start("Othr");
            w.text("Id", cut(c.agreementId(), 34));
            w.end();
        }
        w.end();
        w.end();
        if (c.remittance() != null && !c.remittance().isBlank()) {
            w.start("RmtInf");
            w.text("Ustrd", cut(c.remittance(), 140));
            w.end();
        }
        w.end();
    }

    private static void agent(Indent w, String element, String bic) throws XMLStreamException {
        w.start(element);
        w.start("FinInstnId");
        if (bic != null) {
            w.text("BICFI", bic);
        } else {
            w.start("Othr");
            w.text("Id", NOT_PROVIDED);
            w.end();
        }
        w.end();
        w.end();
    }

    /** Returns the sum of the collections' amounts in major units (the control sum; currencies are not mixed up). */
    static BigDecimal controlSum(List<Collection> collections) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Collection c : collections) {
            sum = sum.add(BigDecimal.valueOf(c.amountMinor(), c.currency().getDefaultFractionDigits()));
        }
        return sum;
    }

    private static String major(long minor, Currency currency) {
        return BigDecimal.valueOf(minor, Math.max(0, currency.getDefaultFractionDigits())).toPlainString();
    }

    private static String cut(String text, int max) {
        String t = text.strip();
        return t.length() <= max ? t : t.substring(0, max);
    }

    /** Checks a file against the pain.008.001.08 schema; returns its problems (empty: valid), at most 100. */
    public static List<Problem> validate(String xml) {
        List<Problem> problems = new ArrayList<>();
        Validator validator = SchemaHolder.SCHEMA.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    if (problems.size() < 100) {
                        problems.add(new Problem(e.getLineNumber(), e.getColumnNumber(), e.getMessage()));
                    }
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            problems.add(new Problem(e.getLineNumber(), e.getColumnNumber(), e.getMessage()));
        } catch (SAXException | IOException e) {
            problems.add(new Problem(0, 0, e.getMessage()));
        }
        return problems;
    }

    /** The compiled schema, loaded once, on first use. */
    private static final class SchemaHolder {
        static final Schema SCHEMA = load();

        private static Schema load() {
            URL xsd = Pain008.class.getResource(SCHEMA_RESOURCE);
            if (xsd == null) {
                throw new IllegalStateException("the ISO 20022 schema " + SCHEMA_RESOURCE + " is not on the "
                        + "classpath: it comes with com.github.hbci4j:hbci4j-core (see pom.xml)");
            }
            try {
                SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                return factory.newSchema(xsd);
            } catch (SAXException e) {
                throw new IllegalStateException("could not read the schema " + SCHEMA_RESOURCE, e);
            }
        }
    }

    /** Writes elements one per line, indented by depth. */
    private static final class Indent {
        private final XMLStreamWriter x;
        private int depth;

        Indent(XMLStreamWriter x) {
            this.x = x;
        }

        void start(String name) throws XMLStreamException {
            x.writeCharacters("\n" + "  ".repeat(depth));
            x.writeStartElement(name);
            depth++;
        }

        void end() throws XMLStreamException {
            depth--;
            x.writeCharacters("\n" + "  ".repeat(depth));
            x.writeEndElement();
        }

        void text(String name, String value) throws XMLStreamException {
            x.writeCharacters("\n" + "  ".repeat(depth));
            x.writeStartElement(name);
            x.writeCharacters(value);
            x.writeEndElement();
        }

        void startWith(String name, String attribute, String attributeValue, String value)
                throws XMLStreamException {
            x.writeCharacters("\n" + "  ".repeat(depth));
            x.writeStartElement(name);
            x.writeAttribute(attribute, attributeValue);
            x.writeCharacters(value);
            x.writeEndElement();
        }
    }
}
