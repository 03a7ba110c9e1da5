package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.FaceNet;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.FaceNetException;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.AtomicFiles;
import io.github.facenet4j.distribution.report.ContactSheet;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.faces.FacePipeline.Face;
import io.github.facenet4j.faces.RgbImage;
import io.github.facenet4j.gallery.Clusterer;
import io.github.facenet4j.gallery.Clusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code facenet cluster DIR}: every face of every photo under a folder, through the same
 * pipeline as {@code embed}, grouped by person with a clusterer plugin; a table (or JSON), a
 * clusters CSV for {@code facenet evaluate clustering} and a contact sheet.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Group the faces of every photo in a folder by person with a clusterer plugin"
                + " (agglomerative, chinese-whispers, dbscan); print the groups, write a clusters CSV and a contact sheet.")
public final class ClusterCommand extends FaceCommand {

    @Parameters(index = "0", paramLabel = "PHOTOS_DIR", description = "Folder searched for .jpg/.jpeg/.png/.bmp, recursively.")
    Path folder;

    @Option(names = "--algorithm", paramLabel = "NAME", defaultValue = DemoCommand.CLUSTERER,
            description = "Clusterer plugin (default: ${DEFAULT-VALUE}); `facenet plugins` lists those installed.")
    String algorithm;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Squared L2 distance at which faces are one person (DBSCAN's eps); default: the clusterer's"
                    + " configured one, else the model card's.")
    Double threshold;

    @Option(names = "--report", paramLabel = "out.html", description = "Write a contact sheet: a row of faces per cluster, the photos with their boxes.")
    Path report;

    @Option(names = "--out", paramLabel = "clusters.csv",
            description = "Write id,cluster (ids as `facenet embed` names the faces: FILE#index) for `facenet evaluate clustering`.")
    Path csv;

    @Override
    public Integer call() {
        requireThreshold(threshold);
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + " is not a folder; give a folder of photos");
        }
        List<Path> files = EmbedCommand.imagesUnder(folder);
        if (files.isEmpty()) {
            throw new BadInputException("No .jpg, .jpeg, .png or .bmp files under " + folder + "; give a folder of photos");
        }
        try (PluginRuntime runtime = startRuntime()) {
            Clusterer clusterer = runtime.get(Clusterer.class, algorithm);
            try (FaceNet faceNet = openFaceNet(runtime)) {
                List<FaceGroups.Photo> photos = read(faceNet, files);
                Clusterer.Threshold t = threshold != null ? Clusterer.Threshold.given(threshold)
                        : Clusterer.Threshold.modelDefault(faceNet.threshold());
                long start = System.nanoTime();
                FaceGroups groups = FaceGroups.cluster(photos, clusterer, t);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (csv != null) {
                    AtomicFiles.writeString(csv, groups.csv());
                }
                if (report != null) {
                    ContactSheet.write("facenet cluster " + folder.getFileName() + ": " + groups.faces() + " faces, "
                            + groups.clusters().count() + " clusters (" + algorithm + ")", groups.sheet(), report);
                }
                print(faceNet.card().id(), photos, groups, seconds);
            } finally {
                runtime.release(clusterer);
            }
        }
        return 0;
    }

    /** Decodes and detects every photo; one that is not an image is skipped with a note, as by embed. */
    private List<FaceGroups.Photo> read(FaceNet faceNet, List<Path> files) {
        List<FaceGroups.Photo> photos = new ArrayList<>();
        int faces = 0;
        for (Path file : files) {
            RgbImage image;
            List<Face> found;
            try {
                image = faceNet.read(file);
                found = faceNet.faces(image);
            } catch (FaceNetException e) {
                err().println("facenet: skipped: " + e.getMessage());
                continue;
            }
            if (found.isEmpty()) {
                err().println("note: no face found in " + file);
            }
            faces += found.size();
            photos.add(new FaceGroups.Photo(file.toString(), file.getFileName().toString(), image, found));
        }
        err().flush();
        if (faces == 0) {
            throw new BadInputException("No face found in any of the " + files.size() + " photos under " + folder);
        }
        return photos;
    }

    private void print(String model, List<FaceGroups.Photo> photos, FaceGroups groups, double seconds) {
        Clusters clusters = groups.clusters();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("model", model);
            document.put("algorithm", algorithm);
            document.put("threshold", clusters.threshold());
            document.put("photos", photos.size());
            document.put("clusters", clusters.count());
            document.put("noise", clusters.noise());
            document.put("approximate", clusters.approximate());
            document.put("faces", groups.json());
            out().println(Json.writePretty(document));
        } else {
            out().print(groups.table());
            out().printf(Locale.ROOT, "%n%d faces in %d photos → %d clusters (%s, squared L2 ≤ %.3f%s, model %s) in %.2f s%n",
                    groups.faces(), photos.size(), clusters.count(), algorithm, clusters.threshold(),
                    clusters.noise() > 0 ? ", " + clusters.noise() + " noise" : "", model, seconds);
        }
        out().flush();
        if (csv != null) {
            err().println("facenet: wrote " + csv);
        }
        if (report != null) {
            err().println("facenet: wrote " + report);
        }
        err().flush();
    }
}
