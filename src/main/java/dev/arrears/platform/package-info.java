/**
 * Platform: the database (an embedded PostgreSQL by default, a server by URL), security, error responses as
 * RFC 9457 problem details, and the clock. Business modules do not depend on it; it depends only on shared.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Platform",
        allowedDependencies = "shared")
package dev.arrears.platform;
