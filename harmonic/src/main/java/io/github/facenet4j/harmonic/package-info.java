/**
 * Harmonic training (Schroff, Kalenichenko, Philbin 2015, §7): a new network v2 is trained so
 * that its embeddings can be compared directly with those of a frozen older network v1, and a
 * face service can change models without re-embedding its gallery at once.
 * {@link io.github.facenet4j.harmonic.HarmonicTriplets} is the trainer's
 * {@link io.github.facenet4j.training.StepObjective}: each batch is embedded by v2 and (from
 * {@link io.github.facenet4j.harmonic.ReferenceEmbeddings}, computed once and cached by
 * {@link io.github.facenet4j.harmonic.ReferenceCache}) by v1, triplets are mined over both
 * ({@link io.github.facenet4j.harmonic.HarmonicBatch}, every combination of Fig. 9) and only
 * v2 receives a gradient. Plain Java on float[]: no backend.
 */
@Export
@Version("1.0.0")
package io.github.facenet4j.harmonic;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
