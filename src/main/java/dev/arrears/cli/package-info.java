/**
 * The command line ({@code ./arrears}): picocli commands that start the application (with or without the
 * web server) and call the façades of the other modules.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Command line",
        allowedDependencies = {"shared", "ledger", "ledger :: domain", "ledger :: importing", "demo", "platform",
                "strategy", "strategy :: domain", "cycle", "scoring", "scoring :: model", "compliance",
                "compliance :: domain", "audit", "privacy", "contact", "contact :: smsc-simulator", "bank", "bank :: domain"})
package dev.arrears.cli;
