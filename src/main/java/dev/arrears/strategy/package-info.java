/**
 * Collection strategies: versioned YAML documents that say which accounts a strategy applies to, how they are
 * segmented, which ladder of actions each segment gets and when, how champion and challenger variants split
 * the accounts, and when the ladder stops. Validates documents (paths and lines for every error), compiles
 * their CEL conditions once, and decides purely for an account's facts and a date (see {@code domain}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Strategy", allowedDependencies = "shared")
package dev.arrears.strategy;
