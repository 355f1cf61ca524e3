/**
 * Shared kernel: money, currencies, field errors. Plain records with no Spring and no SQL; every module may
 * use it and it uses none.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel", allowedDependencies = {})
package dev.arrears.shared;
