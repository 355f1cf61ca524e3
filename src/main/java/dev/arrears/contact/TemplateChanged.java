package dev.arrears.contact;

import dev.arrears.shared.Channel;

import java.time.Instant;

/**
 * A template version was created or activated: name, channel, version, what happened, by whom, and the SHA-256 of
 * the version's canonical content. Published inside the writing transaction.
 */
public record TemplateChanged(String name, Channel channel, int version, Change change, String actor, String sha256,
                              Instant at) {

    /** What happened to the version. */
    public enum Change { CREATED, ACTIVATED }
}
