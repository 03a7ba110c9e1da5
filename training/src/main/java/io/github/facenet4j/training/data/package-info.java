/**
 * Data sets to train and validate on: IDX files (MNIST, Fashion-MNIST, gzip or plain),
 * image folders ({@code root/identity/*.jpg}, decoded as inference decodes photos), the
 * {@code fashion-mnist[:DIR]} spec that finds the Debian package's files, and seeded splits
 * by identity or by sample. Images are pixel values 0…255; a model card's
 * {@link io.github.facenet4j.api.nn.InputNormalisation} turns them into network input.
 */
@Export
@Version("2.0.0")
package io.github.facenet4j.training.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
