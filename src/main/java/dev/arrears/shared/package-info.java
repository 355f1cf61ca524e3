/**
 * Shared kernel: money, currencies, field errors, and the PostgreSQL COPY text-format writer ({@code CopyRows})
 * used by the modules that bulk-write; the personal data contracts every module may publish or implement
 * ({@code PersonalDataRead}, {@code PersonalDataSource}) and the digest of an erased address. Plain records,
 * interfaces and utilities with no Spring; the COPY writer is the only SQL here. Every module may use it and it
 * uses none.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel", allowedDependencies = {})
package dev.arrears.shared;
