package dev.arrears.compliance;

import dev.arrears.compliance.domain.ProfileSelector;
import dev.arrears.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The profile selection table as a bean: the shipped {@code compliance/selection.yaml}, or the file named by
 * {@code arrears.compliance.selection-file} (a path, or a {@code classpath:}/{@code file:} location), with the
 * profile swaps of {@code arrears.compliance.profile-substitutions} ({@code CN-NIFA=CN-NIFA-2018}). A table that
 * cannot be read stops the start with every problem named.
 */
@Configuration(proxyBeanMethods = false)
class SelectionConfiguration {

    static final String SHIPPED = "classpath:compliance/selection.yaml";

    @Bean
    ProfileSelector profileSelector(ResourceLoader resources,
                                    @Value("${arrears.compliance.selection-file:}") String file,
                                    @Value("${arrears.compliance.profile-substitutions:}") String substitutions) {
        String location = file == null || file.isBlank() ? SHIPPED
                : file.contains(":") && !file.matches("[A-Za-z]:\\\\.*") ? file.strip() : "file:" + file.strip();
        Resource resource = resources.getResource(location);
        String yaml;
        try (InputStream in = resource.getInputStream()) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the profile selection table " + location + ": "
                    + e.getMessage(), e);
        }
        try {
            return ProfileSelector.parse(yaml).withSubstitutions(ProfileSelector.parseSubstitutions(substitutions));
        } catch (InvalidInputException e) {
            throw new IllegalStateException("the profile selection table " + location + " is invalid: "
                    + e.errors().stream().map(er -> er.pointer() + ": " + er.detail())
                    .collect(Collectors.joining("; ")), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("arrears.compliance.profile-substitutions: " + e.getMessage(), e);
        }
    }
}
