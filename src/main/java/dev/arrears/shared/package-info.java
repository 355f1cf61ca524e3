/**
 * Shared kernel: money, currencies, field errors, and the PostgreSQL COPY text-format writer ({@code CopyRows})
 * used by the modules that bulk-write. Plain records and utilities with no Spring; the COPY writer is the only
 * SQL here. Every module may use it and it uses none.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel", allowedDependencies = {})
package dev.arrears.shared;
