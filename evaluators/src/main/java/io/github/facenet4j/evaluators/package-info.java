/**
 * Evaluators' results and the file readers users need to feed them: the embeddings CSV
 * ({@code id,label,e0,…,e{d-1}}), LFW {@code pairs.txt} and a clusters CSV
 * ({@code id,cluster}).
 *
 * <p>The figures follow FaceNet (Schroff, Kalenichenko, Philbin, CVPR 2015) §4:
 * VAL(d) = |TA(d)| / |P_same| and FAR(d) = |FA(d)| / |P_diff|, where a pair is accepted as
 * the same identity when its distance is ≤ d. The evaluators themselves are plugins in
 * the non-exported {@code internal} package, looked up by name ({@code verification},
 * {@code identification}, {@code clustering-quality}).
 */
@Export
@Version("1.0.0")
package io.github.facenet4j.evaluators;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
