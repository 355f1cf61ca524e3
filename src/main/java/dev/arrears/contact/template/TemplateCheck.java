package dev.arrears.contact.template;

import dev.arrears.contact.RenderedMessage;
import dev.arrears.contact.TemplateDraft;
import dev.arrears.contact.template.Variables.Variable;
import dev.arrears.shared.Channel;
import dev.arrears.shared.FieldError;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates a template version as a whole before it is stored: the texts exist in zh-CN, zh-TW and en and nowhere
 * else, each has exactly the parts of its channel, each part parses (errors with line and column), one-line parts
 * are one line, the disclosures each channel must carry are inserted, and an SMS takes at most its segment limit
 * with the longest sample values under every jurisdiction. Errors point into the JSON of the draft:
 * {@code /locales/zh-CN/body} with line and column, {@code /locales/zh-TW}, {@code /maxSegments}.
 */
public final class TemplateCheck {

    /** Longest part accepted, in characters: a letter is a few kilobytes. */
    public static final int MAX_PART_CHARS = 200_000;
    /** Most segments an SMS template may allow. */
    public static final int SEGMENT_CEILING = 10;
    /** A template name: lower case, digits and underscores, as strategies name them. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{1,62}");

    private static final Map<Channel, Map<Field, List<Variable>>> REQUIRED = new EnumMap<>(Channel.class);

    static {
        REQUIRED.put(Channel.SMS, Map.of(Field.BODY, List.of(Variables.OPT_OUT, Variables.DEBT_COLLECTOR)));
        List<Variable> email = List.of(Variables.OPT_OUT, Variables.OPT_OUT_LINK, Variables.DEBT_COLLECTOR);
        REQUIRED.put(Channel.EMAIL, Map.of(Field.HTML, email, Field.TEXT, email));
        REQUIRED.put(Channel.PUSH, Map.of(Field.BODY, List.of(Variables.DEBT_COLLECTOR)));
        REQUIRED.put(Channel.LETTER, Map.of(Field.HTML, List.of(Variables.DEBT_COLLECTOR)));
        REQUIRED.put(Channel.CALL, Map.of(Field.BODY, List.of(Variables.DEBT_COLLECTOR)));
    }

    private TemplateCheck() {
    }

    /** Returns every problem of a draft for a channel; empty when it may be stored. */
    public static List<FieldError> check(String name, Channel channel, TemplateDraft draft, Samples.Setup setup) {
        List<FieldError> errors = new ArrayList<>();
        if (!Field.templated(channel)) {
            errors.add(FieldError.at("/channel", channel + " has no templates; channels with templates are "
                    + "SMS, EMAIL, PUSH, LETTER and CALL"));
            return errors;
        }
        if (draft.description() != null && draft.description().length() > 500) {
            errors.add(FieldError.at("/description", "longer than 500 characters"));
        }
        Integer max = draft.maxSegments();
        if (max != null && channel != Channel.SMS) {
            errors.add(FieldError.at("/maxSegments", "applies to SMS templates only"));
        } else if (max != null && (max < 1 || max > SEGMENT_CEILING)) {
            errors.add(FieldError.at("/maxSegments", "must be a whole number from 1 to " + SEGMENT_CEILING
                    + " (default " + CompiledTemplate.DEFAULT_MAX_SEGMENTS + ")"));
        }
        if (draft.attachesBill() && channel != Channel.EMAIL) {
            errors.add(FieldError.at("/attachBill", "applies to EMAIL templates only: letters are PDFs themselves"));
        }
        Map<String, Map<String, String>> locales = draft.locales();
        if (locales == null || locales.isEmpty()) {
            errors.add(FieldError.at("/locales", "required: the texts in zh-CN, zh-TW and en, as "
                    + "{\"zh-CN\": {" + parts(channel, "\"…\"") + "}, …}"));
            return errors;
        }
        for (String locale : locales.keySet()) {
            if (!Locales.supported(locale)) {
                errors.add(FieldError.at("/locales/" + escape(locale), "unknown locale '" + abbreviate(locale)
                        + "'; templates are written in zh-CN, zh-TW and en"));
            }
        }
        for (String locale : Locales.ALL) {
            if (!locales.containsKey(locale)) {
                errors.add(FieldError.at("/locales/" + locale, "missing: every template is written in zh-CN, zh-TW "
                        + "and en"));
                continue;
            }
            checkLocale(channel, locale, locales.get(locale), errors);
        }
        if (errors.isEmpty() && channel == Channel.SMS) {
            checkSegments(name, draft, setup, errors);
        }
        if (errors.isEmpty() && channel == Channel.LETTER) {
            checkXhtml(draft, errors);
        }
        return errors;
    }

    /** Returns the texts of a valid draft by locale and part, in the form {@link CompiledTemplate} compiles. */
    public static Map<String, Map<Field, String>> texts(Channel channel, TemplateDraft draft) {
        Map<String, Map<Field, String>> texts = new LinkedHashMap<>();
        for (String locale : Locales.ALL) {
            Map<Field, String> parts = new EnumMap<>(Field.class);
            for (Field field : Field.of(channel)) {
                parts.put(field, draft.locales().get(locale).get(field.key()));
            }
            texts.put(locale, parts);
        }
        return texts;
    }

    private static void checkLocale(Channel channel, String locale, Map<String, String> given,
                                    List<FieldError> errors) {
        String at = "/locales/" + locale;
        List<Field> fields = Field.of(channel);
        if (given == null) {
            errors.add(FieldError.at(at, "must be an object with " + parts(channel, null)));
            return;
        }
        for (String key : given.keySet()) {
            Field field = Field.named(key);
            if (field == null || !fields.contains(field)) {
                errors.add(FieldError.at(at + "/" + escape(key), "not a part of " + article(channel) + " template; "
                        + "its parts are " + parts(channel, null)));
            }
        }
        for (Field field : fields) {
            String pointer = at + "/" + field.key();
            String text = given.get(field.key());
            if (text == null) {
                errors.add(FieldError.at(pointer, "missing: " + article(channel) + " template has "
                        + parts(channel, null)));
                continue;
            }
            if (text.isBlank()) {
                errors.add(FieldError.at(pointer, "is empty"));
                continue;
            }
            if (text.length() > MAX_PART_CHARS) {
                errors.add(FieldError.at(pointer, "longer than " + MAX_PART_CHARS + " characters"));
                continue;
            }
            if (field.oneLine() && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
                errors.add(new FieldError(pointer, 1, null, "a " + field.key() + " is one line"));
            }
            Syntax.Parsed parsed = Syntax.parse(text);
            for (Syntax.Problem p : parsed.problems()) {
                errors.add(new FieldError(pointer, p.line(), Integer.toString(p.column()), p.detail()));
            }
            if (!parsed.valid()) {
                continue;
            }
            for (Variable required : REQUIRED.get(channel).getOrDefault(field, List.of())) {
                if (!parsed.inserts().contains(required)) {
                    errors.add(FieldError.at(pointer, "must insert {{" + required.name() + "}}: " + why(required)));
                }
            }
        }
    }

    /**
     * Checks that each locale's letter is well-formed XML, which the PDF renderer needs: the template text itself
     * (inserted values are escaped, so a well-formed template renders well-formed), with the parser's line and column.
     */
    private static void checkXhtml(TemplateDraft draft, List<FieldError> errors) {
        for (String locale : Locales.ALL) {
            String html = draft.locales().get(locale).get(Field.HTML.key());
            try {
                javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory
                        .newInstance();
                factory.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                factory.setExpandEntityReferences(false);
                javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
                builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
                builder.parse(new org.xml.sax.InputSource(new java.io.StringReader(html)));
            } catch (org.xml.sax.SAXParseException e) {
                errors.add(new FieldError("/locales/" + locale + "/" + Field.HTML.key(), e.getLineNumber(),
                        Integer.toString(e.getColumnNumber()), "not well-formed XHTML, which the PDF renderer "
                        + "needs: " + e.getMessage()));
            } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException
                     | java.io.IOException e) {
                errors.add(FieldError.at("/locales/" + locale + "/" + Field.HTML.key(), "cannot be read as XHTML: "
                        + e.getMessage()));
            }
        }
    }

    private static void checkSegments(String name, TemplateDraft draft, Samples.Setup setup,
                                      List<FieldError> errors) {
        CompiledTemplate template = CompiledTemplate.compile(0, name, Channel.SMS, 0, draft.maxSegments(),
                texts(Channel.SMS, draft));
        List<String> jurisdictions = new ArrayList<>(Disclosures.WITH_TEXT);
        jurisdictions.add(null);
        for (String locale : Locales.ALL) {
            RenderedMessage worst = null;
            for (String jurisdiction : jurisdictions) {
                RenderedMessage m = template.render(Samples.worstCase(locale, jurisdiction, setup));
                if (worst == null || m.sms().segments() > worst.sms().segments()
                        || (m.sms().segments() == worst.sms().segments() && m.sms().units() > worst.sms().units())) {
                    worst = m;
                }
            }
            RenderedMessage.SmsParts sms = worst.sms();
            if (!sms.withinLimit()) {
                errors.add(FieldError.at("/locales/" + locale + "/body", "takes " + sms.segments() + " SMS segments ("
                        + sms.units() + (sms.encoding() == RenderedMessage.Encoding.GSM_7 ? " GSM-7 septets"
                        : " UCS-2 characters") + ") with the longest sample values (a long company name, "
                        + "eight-digit amounts, the longest payment link, every disclosure); the limit is "
                        + sms.maxSegments() + " (maxSegments)"));
            }
        }
    }

    private static String why(Variable v) {
        if (v == Variables.OPT_OUT) {
            return "every SMS and e-mail carries the opt-out line (the compliance guard blocks a message without "
                    + "it where the law requires one)";
        }
        if (v == Variables.OPT_OUT_LINK) {
            return "every e-mail carries the link that opts the customer out of e-mails";
        }
        return "it is the debt collector notice where the law requires one (US-REGF) and empty elsewhere";
    }

    private static String parts(Channel channel, String value) {
        List<Field> fields = Field.of(channel);
        if (value != null) {
            return fields.stream().map(f -> "\"" + f.key() + "\": " + value).collect(Collectors.joining(", "));
        }
        List<String> names = fields.stream().map(Field::key).toList();
        return names.size() == 1 ? names.getFirst() + " only"
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    private static String article(Channel channel) {
        return (channel == Channel.SMS || channel == Channel.EMAIL ? "an " : "a ") + channel;
    }

    /** Escapes a key for a JSON Pointer (RFC 6901). */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
