package dev.arrears.contact.template;

import dev.arrears.shared.Channel;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A part of a template, written once per locale. HTML parts escape every value they insert; subject and title are
 * one line. Each channel has a fixed set of parts ({@link #of(Channel)}).
 */
public enum Field {
    SUBJECT(false, true),
    TITLE(false, true),
    BODY(false, false),
    HTML(true, false),
    TEXT(false, false);

    private static final Map<Channel, List<Field>> BY_CHANNEL = new EnumMap<>(Channel.class);

    static {
        BY_CHANNEL.put(Channel.SMS, List.of(BODY));
        BY_CHANNEL.put(Channel.EMAIL, List.of(SUBJECT, HTML, TEXT));
        BY_CHANNEL.put(Channel.PUSH, List.of(TITLE, BODY));
        BY_CHANNEL.put(Channel.LETTER, List.of(HTML));
        BY_CHANNEL.put(Channel.CALL, List.of(BODY));
    }

    private final boolean html;
    private final boolean oneLine;

    Field(boolean html, boolean oneLine) {
        this.html = html;
        this.oneLine = oneLine;
    }

    /** Returns the parts a channel's templates have, in order; empty for a channel without templates (VISIT). */
    public static List<Field> of(Channel channel) {
        return BY_CHANNEL.getOrDefault(channel, List.of());
    }

    /** Returns true for the channels that have templates. */
    public static boolean templated(Channel channel) {
        return BY_CHANNEL.containsKey(channel);
    }

    /** Returns the part named in JSON and in the shipped files ({@code subject}), or null. */
    public static Field named(String name) {
        for (Field f : values()) {
            if (f.key().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** Returns the name used in JSON, pointers and the shipped files. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns true when inserted values are HTML-escaped. */
    public boolean html() {
        return html;
    }

    /** Returns true for a one-line part (subject, title): line breaks are refused in it and removed from values. */
    public boolean oneLine() {
        return oneLine;
    }
}
