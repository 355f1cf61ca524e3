package dev.arrears.audit;

import dev.arrears.audit.domain.ChainKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditKeysTest {

    private final AuditKeys keys = new AuditKeys();

    @Test
    void configuredKey_isUsedWithAnyDatabase() {
        ChainKey key = keys.auditKey("  a-configured-audit-key-0123456789-abcdefgh ", "jdbc:postgresql://db/arrears",
                "./data/postgres", "");
        assertThat(key).hasToString("ChainKey[secret hidden]");
    }

    @Test
    void databaseServerWithoutKey_refusesToStartNamingTheVariable() {
        assertThatThrownBy(() -> keys.auditKey("", "jdbc:postgresql://db/arrears", "./data/postgres", ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ARREARS_AUDIT_KEY is not set");
    }

    @Test
    void shortKey_isRefused() {
        assertThatThrownBy(() -> keys.auditKey("short", "", "./data/postgres", ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32");
    }

    @Test
    void embeddedDatabaseWithoutKey_generatesOneBesideItsDirectory_ownerOnly_andKeepsIt(@TempDir Path dir)
            throws Exception {
        Path dataDir = dir.resolve("data/postgres");
        keys.auditKey("", "", dataDir.toString(), "");
        Path file = dir.resolve("data/audit.key");
        assertThat(file).isRegularFile();
        String generated = Files.readString(file).strip();
        assertThat(generated).hasSizeGreaterThanOrEqualTo(ChainKey.MIN_BYTES);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        keys.auditKey("", "", dataDir.toString(), "");
        assertThat(Files.readString(file).strip()).isEqualTo(generated);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("audit.key");
        }
    }
}
