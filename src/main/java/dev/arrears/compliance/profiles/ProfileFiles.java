package dev.arrears.compliance.profiles;

import dev.arrears.compliance.domain.Profile;
import dev.arrears.shared.FieldError;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads the jurisdiction profiles: those shipped in the jar ({@value #SHIPPED}), then, when a directory is
 * configured, every {@code *.yaml} / {@code *.yml} file in it, a file whose id is shipped replacing that profile.
 * Any broken file stops the load with an {@link IllegalStateException} that names the file, the line, the field
 * and what is wrong, so that an application never starts on a profile it could not read.
 */
public final class ProfileFiles {

    /** Where the shipped profiles live in the jar. */
    public static final String SHIPPED = "classpath*:compliance/profiles/*.yaml";

    private ProfileFiles() {
    }

    /** A profile with the file it was read from. */
    public record Loaded(Profile profile, String source) {
    }

    /** Loads the shipped profiles and the overrides in {@code overrides} (null or blank: none), sorted by id. */
    public static List<Loaded> load(Path overrides) {
        Map<String, Loaded> profiles = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Loaded loaded : shipped(problems)) {
            if (profiles.putIfAbsent(loaded.profile().id(), loaded) != null) {
                problems.add(loaded.source() + ": the profile id " + loaded.profile().id() + " is also in "
                        + profiles.get(loaded.profile().id()).source());
            }
        }
        if (overrides != null) {
            Map<String, Loaded> replaced = new LinkedHashMap<>();
            for (Loaded loaded : directory(overrides, problems)) {
                Loaded earlier = replaced.putIfAbsent(loaded.profile().id(), loaded);
                if (earlier != null) {
                    problems.add(loaded.source() + ": the profile id " + loaded.profile().id() + " is also in "
                            + earlier.source());
                }
            }
            profiles.putAll(replaced);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Cannot load the compliance profiles:\n  " + String.join("\n  ", problems));
        }
        return profiles.values().stream().sorted(Comparator.comparing(l -> l.profile().id())).toList();
    }

    private static List<Loaded> shipped(List<String> problems) {
        List<Loaded> loaded = new ArrayList<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(ProfileFiles.class.getClassLoader())
                    .getResources(SHIPPED);
            Arrays.sort(resources, Comparator.comparing(r -> String.valueOf(r.getFilename())));
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                            "classpath:compliance/profiles/" + resource.getFilename(), loaded, problems);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the shipped compliance profiles", e);
        }
        if (loaded.isEmpty() && problems.isEmpty()) {
            problems.add("no shipped profile found at " + SHIPPED);
        }
        return loaded;
    }

    private static List<Loaded> directory(Path dir, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(dir + ": the profiles directory (arrears.compliance.profiles-dir) does not exist");
            return List.of();
        }
        List<Loaded> loaded = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(ProfileFiles::isProfileFile).sorted().toList()) {
                read(Files.readString(file, StandardCharsets.UTF_8), file.toString(), loaded, problems);
            }
        } catch (IOException e) {
            problems.add(dir + ": cannot be read: " + e.getMessage());
        }
        return loaded;
    }

    private static boolean isProfileFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static void read(String text, String source, List<Loaded> loaded, List<String> problems) {
        ProfileDocument.Parsed parsed = ProfileDocument.parse(text);
        if (parsed.profile() != null) {
            loaded.add(new Loaded(parsed.profile(), source));
        }
        for (FieldError error : parsed.errors()) {
            problems.add(source + " line " + error.line() + (error.pointer().isEmpty() ? "" : " " + error.pointer())
                    + ": " + error.detail());
        }
    }
}
