package dev.arrears.privacy.logging;

import dev.arrears.privacy.domain.PersonalDataMask;
import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.json.JsonWriter.ValueProcessor;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Masks personal data in every string of the structured (JSON) log lines: the message, the error's message and
 * stack trace, and context values. Named in {@code logging.structured.json.customizer}.
 */
public class MaskedJsonMembers implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(Members<Object> members) {
        members.applyingValueProcessor(ValueProcessor.of(String.class, PersonalDataMask::mask));
    }
}
