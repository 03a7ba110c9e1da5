/**
 * A small JSON reader and writer (RFC 8259) for the files facenet4j itself reads and
 * writes — model cards, tfjs weight manifests, checkpoints, training logs — so that no
 * module needs a JSON library.
 */
package io.github.facenet4j.api.json;
