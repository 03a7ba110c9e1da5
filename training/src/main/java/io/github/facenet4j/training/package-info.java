/**
 * Training with the triplet loss (Schroff, Kalenichenko, Philbin 2015, §3): the
 * backend-neutral {@link io.github.facenet4j.training.Trainer} with its configuration,
 * learning-rate schedules, P × K batch sampling, validation figures, collapse detection,
 * checkpoints, JSON-lines log, listeners and HTML report. Losses are plugins in the
 * {@code internal} package, looked up by name ({@code triplet}).
 */
@Export
@Version("1.0.0")
package io.github.facenet4j.training;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
