package dev.arrears.contact;

import dev.arrears.shared.Channel;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the shipped default templates, one YAML file per template name under {@code templates-shipped/}: a
 * {@code name}, then per channel an optional {@code description}, {@code maxSegments} (SMS) and {@code attachBill}
 * (EMAIL: the open bills go along as a PDF) and the texts per locale
 * and part. Texts lose trailing blanks and line breaks (YAML block scalars end with one). A file that does not have
 * this shape is a bug in the release and fails loudly.
 */
final class ShippedTemplateFiles {

    /** Where the shipped templates are. */
    static final String LOCATION = "classpath*:templates-shipped/*.yaml";

    /** One shipped template: a name, a channel and its draft. */
    record Shipped(String name, Channel channel, TemplateDraft draft) {
    }

    private ShippedTemplateFiles() {
    }

    /** Returns every shipped template, by file name, then channel in file order. */
    static List<Shipped> all() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(LOCATION);
            List<Resource> sorted = Arrays.stream(resources)
                    .sorted(Comparator.comparing(r -> Objects.requireNonNullElse(r.getFilename(), ""))).toList();
            List<Shipped> all = new ArrayList<>();
            for (Resource resource : sorted) {
                try (InputStream in = resource.getInputStream()) {
                    all.addAll(read(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource.getFilename()));
                }
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one file's templates. */
    @SuppressWarnings("unchecked")
    static List<Shipped> read(String yaml, String file) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof Map<?, ?> map) || !(map.get("name") instanceof String name)) {
            throw new IllegalStateException(file + ": a shipped template file starts with name: <template name>");
        }
        List<Shipped> templates = new ArrayList<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if ("name".equals(entry.getKey())) {
                continue;
            }
            Channel channel = Channel.valueOf(String.valueOf(entry.getKey()));
            if (!(entry.getValue() instanceof Map<?, ?> body)) {
                throw new IllegalStateException(file + ": " + channel + " must be a mapping");
            }
            String description = null;
            Integer maxSegments = null;
            Boolean attachBill = null;
            Map<String, Map<String, String>> locales = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : body.entrySet()) {
                String key = String.valueOf(e.getKey());
                switch (key) {
                    case "description" -> description = String.valueOf(e.getValue());
                    case "maxSegments" -> maxSegments = (Integer) e.getValue();
                    case "attachBill" -> attachBill = (Boolean) e.getValue();
                    default -> {
                        Map<String, String> parts = new LinkedHashMap<>();
                        ((Map<Object, Object>) e.getValue()).forEach((part, text) ->
                                parts.put(String.valueOf(part), String.valueOf(text).stripTrailing()));
                        locales.put(key, parts);
                    }
                }
            }
            templates.add(new Shipped(name, channel, new TemplateDraft(description, maxSegments, locales, attachBill)));
        }
        return templates;
    }
}
