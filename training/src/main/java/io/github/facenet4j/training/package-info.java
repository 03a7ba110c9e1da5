/**
 * Training with the triplet loss (Schroff, Kalenichenko, Philbin 2015, §3): the
 * backend-neutral {@link io.github.facenet4j.training.Trainer} step loop with its configuration,
 * the {@link io.github.facenet4j.training.StepObjective} of a step, learning-rate schedules,
 * P × K batch sampling, {@link io.github.facenet4j.training.Validation}, collapse detection,
 * checksummed checkpoints, the JSON-lines log, listeners and the HTML report. Losses are plugins in the
 * {@code internal} package, looked up by name ({@code triplet}).
 */
@Export
@Version("1.0.0")
package io.github.facenet4j.training;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
