package dev.arrears.contact.channel;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the message of a contact from its template, in the customer's language, for its channel
 * ({@link TemplateRenderer} with the stored templates; tests may put another in).
 * A message that cannot be rendered (unknown template, SMS over its limit) throws; dispatch treats that as a
 * permanent failure of that message.
 */
public interface MessageRenderer {

    /** Renders one message. */
    Rendered render(RenderInput input);

    /** Renders messages in order; override to load what they share once. */
    default List<Rendered> renderAll(List<RenderInput> inputs) {
        List<Rendered> out = new ArrayList<>(inputs.size());
        for (RenderInput input : inputs) {
            out.add(render(input));
        }
        return out;
    }
}
