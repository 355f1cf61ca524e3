package dev.arrears.audit;

import dev.arrears.audit.domain.ChainKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the audit key comes from: {@code arrears.audit.key} (environment {@code ARREARS_AUDIT_KEY}), at least 32
 * characters, never the database. On the embedded database with no key configured, a random key is generated once
 * and kept beside the database directory ({@code ./data/audit.key}, readable by its owner only), with a warning
 * that production must set the key; with a database server and no key, Arrears refuses to start.
 */
@Configuration(proxyBeanMethods = false)
class AuditKeys {

    private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);

    static final String MISSING = "ARREARS_AUDIT_KEY is not set. The audit trail chains its entries with "
            + "HMAC-SHA256 under a secret key that must not live in the database: set ARREARS_AUDIT_KEY (or "
            + "arrears.audit.key) to at least 32 random characters, for example the output of "
            + "'openssl rand -base64 32', keep it safe and give every node the same key. The chain verifies only "
            + "with the key it was sealed with. See docs/audit.md.";

    @Bean
    ChainKey auditKey(@Value("${arrears.audit.key:}") String configured,
                      @Value("${arrears.db.url:}") String databaseUrl,
                      @Value("${arrears.db.embedded.data-dir:./data/postgres}") String dataDir,
                      @Value("${arrears.audit.key-file:}") String keyFile) {
        if (configured != null && !configured.isBlank()) {
            return key(configured.strip(), "arrears.audit.key (ARREARS_AUDIT_KEY)");
        }
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            throw new IllegalStateException(MISSING);
        }
        Path file = keyFile == null || keyFile.isBlank()
                ? Path.of(dataDir).toAbsolutePath().normalize().resolveSibling("audit.key")
                : Path.of(keyFile).toAbsolutePath().normalize();
        return key(readOrCreate(file), file.toString());
    }

    private static ChainKey key(String text, String source) {
        if (text.getBytes(StandardCharsets.UTF_8).length < ChainKey.MIN_BYTES) {
            throw new IllegalStateException("The audit key in " + source + " is shorter than " + ChainKey.MIN_BYTES
                    + " bytes; use at least 32 random characters, for example 'openssl rand -base64 32'");
        }
        return ChainKey.of(text);
    }

    /** Returns the key kept in the file, generating it first (owner read/write only) when there is none. */
    static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                // written whole to a private temporary file, then linked into place: link fails if the file
                // appeared meanwhile, so two processes starting at once end up reading the same key
                Path temporary = Files.createTempFile(file.getParent(), "audit.key.", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.writeString(temporary, generated + "\n");
                    Files.createLink(file, temporary);
                    log.warn("Generated an audit key for the embedded database in {}. Production must set "
                            + "ARREARS_AUDIT_KEY (kept outside the database); without this file the audit chain "
                            + "of this database no longer verifies.", file);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: read theirs
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the audit key file " + file
                    + "; set ARREARS_AUDIT_KEY instead", e);
        }
    }
}
