/**
 * From image files to face crops a model can embed: decoding (with EXIF orientation and a
 * pixel-count limit), face detection, 68-point landmarks, and similarity-transform
 * alignment to a model's template (module map: docs/ARCHITECTURE.md). The networks are
 * {@link io.github.facenet4j.api.Network}s compiled by whichever backend the caller
 * chose; everything here is plain Java.
 */
package io.github.facenet4j.faces;
