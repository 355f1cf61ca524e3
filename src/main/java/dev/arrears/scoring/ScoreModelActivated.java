package dev.arrears.scoring;

import java.time.Instant;

/**
 * A risk model became the ACTIVE one of its target: the next scoring run uses it. {@code previousModelId} is the
 * model it replaced (now RETIRED), or null. Published inside the activating transaction.
 */
public record ScoreModelActivated(long modelId, String target, int version, String kind, Long previousModelId,
                                  String actor, Instant at) {
}
