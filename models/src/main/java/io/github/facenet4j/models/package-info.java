/**
 * Network architectures described as {@link io.github.facenet4j.api.nn.Graph}s, the
 * importer for TensorFlow.js weight manifests they are built from, and the fetcher that
 * gets published model packs with {@code npm pack} into a local cache (module map:
 * docs/ARCHITECTURE.md).
 */
package io.github.facenet4j.models;
