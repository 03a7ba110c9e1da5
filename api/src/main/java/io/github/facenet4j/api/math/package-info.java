/**
 * Small numeric kernels on {@code float[]} shared by miners, losses and evaluators:
 * pairwise squared L2 distances (the quantity FaceNet thresholds, §2) and vector helpers.
 */
@Export
@Version("1.0.0")
package io.github.facenet4j.api.math;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
