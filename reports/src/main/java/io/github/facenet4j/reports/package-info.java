/**
 * What every facenet4j report page is made of: {@link io.github.facenet4j.reports.Chart}, the one
 * chart renderer (inline SVG: line, histogram and point series on linear or log10 axes, with
 * a legend and dashed marker lines), and {@link io.github.facenet4j.reports.Html} and
 * {@link io.github.facenet4j.reports.Table} for the page around the charts (escaping, one
 * skeleton with the common style sheet, tables). Pages built from these need no other file
 * and no image library; the package depends on the JDK alone.
 */
@Export
@Version("1.0.0")
package io.github.facenet4j.reports;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
