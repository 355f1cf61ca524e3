/**
 * The template language, pure: a strict Mustache-like syntax parsed once into nodes whose variables are resolved
 * against the documented table ({@code Variables}), validation of a whole template (all three locales, the
 * channel's fields, required disclosures, the SMS segment limit with the longest sample values), rendering with
 * per-locale formats of amounts and dates, jurisdiction disclosures and SMS segment counting. No Spring, no SQL,
 * no clock; the sub-packages hold the store and the API. Exposed as the named interface {@code template} because the
 * self-service portal formats amounts and dates as notices do.
 */
@org.springframework.modulith.NamedInterface("template")
package dev.arrears.contact.template;
