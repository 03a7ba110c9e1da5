/**
 * Data sets to train and validate on: IDX files (MNIST, Fashion-MNIST, gzip or plain),
 * image folders ({@code root/identity/*.jpg}), the {@code fashion-mnist[:DIR]} spec that
 * finds the Debian package's files, and seeded splits by identity or by sample.
 */
@Export
@Version("1.0.0")
package io.github.facenet4j.training.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
