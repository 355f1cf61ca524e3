package dev.arrears.contact;

import dev.arrears.contact.template.CompiledTemplate;
import dev.arrears.contact.template.TemplateCheck;
import dev.arrears.shared.Channel;

import java.util.List;

/** Test helper: the shipped templates of a channel, rendered without a database. */
public final class ShippedLetters {

    private ShippedLetters() {
    }

    /** Returns the names of the shipped templates that have a letter. */
    public static List<String> names() {
        return ShippedTemplateFiles.all().stream().filter(s -> s.channel() == Channel.LETTER)
                .map(ShippedTemplateFiles.Shipped::name).toList();
    }

    /** Renders a shipped letter for a context. */
    public static RenderedMessage render(String name, RenderContext context) {
        return render(name, Channel.LETTER, context);
    }

    /** Renders a shipped template of a channel for a context. */
    public static RenderedMessage render(String name, Channel channel, RenderContext context) {
        ShippedTemplateFiles.Shipped s = ShippedTemplateFiles.all().stream()
                .filter(t -> t.name().equals(name) && t.channel() == channel).findFirst().orElseThrow();
        return CompiledTemplate.compile(1, s.name(), s.channel(), 1, s.draft().maxSegments(),
                TemplateCheck.texts(s.channel(), s.draft())).render(context);
    }
}
