package dev.arrears.contact.template;

import dev.arrears.contact.RenderContext;
import dev.arrears.contact.RenderContext.Bill;
import dev.arrears.contact.RenderContext.Line;
import dev.arrears.contact.RenderedMessage;
import dev.arrears.contact.template.Syntax.Each;
import dev.arrears.contact.template.Syntax.Node;
import dev.arrears.contact.template.Syntax.Out;
import dev.arrears.contact.template.Syntax.Text;
import dev.arrears.contact.template.Syntax.When;
import dev.arrears.contact.template.Variables.Frame;
import dev.arrears.contact.template.Variables.Scope;
import dev.arrears.shared.Channel;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One template version parsed once, ready to render any number of messages: every locale's parts as nodes with
 * their variables resolved. Rendering walks the nodes into a StringBuilder, formatting only the values a part
 * inserts; it never fails for a valid context. Immutable and thread-safe.
 */
public final class CompiledTemplate {

    /** Default hard limit of SMS segments. */
    public static final int DEFAULT_MAX_SEGMENTS = 3;

    private final long versionId;
    private final String name;
    private final Channel channel;
    private final int version;
    private final int maxSegments;
    private final Map<String, Map<Field, List<Node>>> parts;
    private final boolean readsBills;

    private CompiledTemplate(long versionId, String name, Channel channel, int version, int maxSegments,
                             Map<String, Map<Field, List<Node>>> parts) {
        this.versionId = versionId;
        this.name = name;
        this.channel = channel;
        this.version = version;
        this.maxSegments = maxSegments;
        this.parts = parts;
        this.readsBills = parts.values().stream().flatMap(byField -> byField.values().stream())
                .anyMatch(CompiledTemplate::readsBills);
    }

    /**
     * Compiles the texts of a version (locale → part → text) that passed {@link TemplateCheck}; throws
     * IllegalArgumentException naming the first problem when one does not parse (a stored version always does).
     */
    public static CompiledTemplate compile(long versionId, String name, Channel channel, int version,
                                           Integer maxSegments, Map<String, Map<Field, String>> texts) {
        Map<String, Map<Field, List<Node>>> parts = new HashMap<>();
        for (String locale : Locales.ALL) {
            Map<Field, String> byField = Objects.requireNonNull(texts.get(locale), () -> "no texts in " + locale);
            Map<Field, List<Node>> nodes = new EnumMap<>(Field.class);
            for (Field field : Field.of(channel)) {
                Syntax.Parsed parsed = Syntax.parse(Objects.requireNonNull(byField.get(field),
                        () -> "no " + field.key() + " in " + locale));
                if (!parsed.valid()) {
                    Syntax.Problem p = parsed.problems().getFirst();
                    throw new IllegalArgumentException(name + " " + channel + " version " + version + ", " + locale
                            + " " + field.key() + ", line " + p.line() + ", column " + p.column() + ": " + p.detail());
                }
                nodes.put(field, parsed.nodes());
            }
            parts.put(locale, nodes);
        }
        return new CompiledTemplate(versionId, name, channel, version,
                maxSegments == null ? DEFAULT_MAX_SEGMENTS : maxSegments, parts);
    }

    public long versionId() {
        return versionId;
    }

    public String name() {
        return name;
    }

    public Channel channel() {
        return channel;
    }

    public int version() {
        return version;
    }

    public int maxSegments() {
        return maxSegments;
    }

    /**
     * Returns true when some locale's text uses what only the account's bills give: the bills and their lines, how
     * many there are, or the account number. A context for a template that does not may leave them empty.
     */
    public boolean readsBills() {
        return readsBills;
    }

    private static boolean readsBills(List<Node> nodes) {
        for (Node node : nodes) {
            boolean reads = switch (node) {
                case Text t -> false;
                case Out o -> Variables.readsBills(o.variable());
                case Each e -> Variables.readsBills(e.list()) || readsBills(e.body());
                case When w -> Variables.readsBills(w.condition()) || readsBills(w.then())
                        || readsBills(w.otherwise());
            };
            if (reads) {
                return true;
            }
        }
        return false;
    }

    /** Renders the template in the context's locale. */
    public RenderedMessage render(RenderContext context) {
        Map<Field, List<Node>> byField = parts.get(context.locale());
        if (byField == null) {
            throw new IllegalArgumentException("unsupported locale '" + context.locale() + "'; one of " + Locales.ALL);
        }
        Disclosures.Lines lines = Disclosures.of(context.jurisdiction(), channel, context.locale(),
                context.optOutLink());
        Frame frame = new Frame(context, Formats.of(context.locale()), lines);
        boolean optOut = Disclosures.optOutChannel(channel);
        EnumMap<Field, String> out = new EnumMap<>(Field.class);
        for (Map.Entry<Field, List<Node>> part : byField.entrySet()) {
            Field field = part.getKey();
            Sink sink = new Sink(field);
            render(part.getValue(), frame, sink);
            out.put(field, field.oneLine() ? sink.out.toString().strip() : sink.out.toString());
            if (field != Field.SUBJECT && field != Field.TITLE) {
                optOut &= sink.optOut;
            }
        }
        RenderedMessage.SmsParts sms = null;
        if (channel == Channel.SMS) {
            SmsSegments.Count count = SmsSegments.count(out.get(Field.BODY));
            sms = new RenderedMessage.SmsParts(count.encoding(), count.units(), count.segments(), maxSegments);
        }
        return new RenderedMessage(name, channel, versionId, version, context.locale(), out.get(Field.SUBJECT),
                out.get(Field.TITLE), out.get(Field.BODY), out.get(Field.HTML), out.get(Field.TEXT), optOut, sms);
    }

    private static void render(List<Node> nodes, Frame frame, Sink sink) {
        for (Node node : nodes) {
            switch (node) {
                case Text t -> sink.out.append(t.text());
                case Out o -> {
                    String value = (String) o.variable().value().apply(frame);
                    if (!value.isEmpty()) {
                        sink.optOut |= o.variable() == Variables.OPT_OUT;
                        sink.append(value);
                    }
                }
                case Each e -> {
                    List<?> items = (List<?>) e.list().value().apply(frame);
                    Bill bill = frame.bill;
                    Line line = frame.line;
                    for (Object item : items) {
                        if (e.list().items() == Scope.BILL) {
                            frame.bill = (Bill) item;
                        } else {
                            frame.line = (Line) item;
                        }
                        render(e.body(), frame, sink);
                    }
                    frame.bill = bill;
                    frame.line = line;
                }
                case When w -> render(truthy(w.condition().value().apply(frame)) ? w.then() : w.otherwise(), frame,
                        sink);
            }
        }
    }

    private static boolean truthy(Object value) {
        return switch (value) {
            case Boolean b -> b;
            case String s -> !s.isEmpty();
            case List<?> l -> !l.isEmpty();
            case null, default -> false;
        };
    }

    /** Where one part is written, escaping values as the part needs, and whether the opt-out line went in. */
    private static final class Sink {
        final StringBuilder out = new StringBuilder(512);
        final boolean html;
        final boolean oneLine;
        boolean optOut;

        Sink(Field field) {
            this.html = field.html();
            this.oneLine = field.oneLine();
        }

        void append(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (oneLine && (c == '\n' || c == '\r')) {
                    out.append(' ');
                } else if (html) {
                    switch (c) {
                        case '&' -> out.append("&amp;");
                        case '<' -> out.append("&lt;");
                        case '>' -> out.append("&gt;");
                        case '"' -> out.append("&quot;");
                        case '\'' -> out.append("&#39;");
                        default -> out.append(c);
                    }
                } else {
                    out.append(c);
                }
            }
        }
    }
}
