package dev.arrears.contact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Finds the key portal tokens are signed with: {@code arrears.portal.key} (environment {@code ARREARS_PORTAL_KEY})
 * when set; else, on the embedded database, the key kept in a file beside its data ({@code ./data/portal.key}),
 * generated on first use; with an external database and no key, none: every node must sign with the same key, so
 * Arrears refuses to start rather than issue links that another node rejects.
 */
final class PortalKeys {

    private PortalKeys() {
    }

    /**
     * Returns the key bytes (the UTF-8 bytes of the key text).
     *
     * @param configured the configured key, blank when none
     * @param external   true when the database is a server named by URL
     * @param file       where the embedded installation keeps its generated key
     */
    static byte[] resolve(String configured, boolean external, Path file) {
        if (configured != null && !configured.isBlank()) {
            return checked(configured.strip(), "arrears.portal.key (ARREARS_PORTAL_KEY)");
        }
        if (external) {
            throw new IllegalStateException("No portal key: set ARREARS_PORTAL_KEY (arrears.portal.key) to a secret "
                    + "of at least " + PortalToken.MIN_KEY_BYTES + " characters, the same on every node, for "
                    + "example the output of `openssl rand -base64 32`. With an external database (ARREARS_DB_URL) "
                    + "Arrears does not generate one, because links signed on one node must open on every other.");
        }
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            return checked(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the portal key file " + file
                    + "; set ARREARS_PORTAL_KEY instead", e);
        }
    }

    private static void generate(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            return; // another process made it first: use theirs
        }
        try {
            Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the directory's permissions
        }
    }

    private static byte[] checked(String key, String source) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < PortalToken.MIN_KEY_BYTES) {
            throw new IllegalStateException("The portal key from " + source + " is " + bytes.length
                    + " bytes long; it must be at least " + PortalToken.MIN_KEY_BYTES
                    + " (for example the output of `openssl rand -base64 32`)");
        }
        return bytes;
    }
}
