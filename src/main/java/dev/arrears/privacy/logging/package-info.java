/**
 * Masking in the logs, wired by configuration rather than by beans (logging starts before the application
 * context): the console pattern's message and exception converters ({@code logback-spring.xml}) and a customizer
 * of the structured JSON file log ({@code logging.structured.json.customizer}). Each one passes its text through
 * {@link dev.arrears.privacy.domain.PersonalDataMask}.
 */
package dev.arrears.privacy.logging;
