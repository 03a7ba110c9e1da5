package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.FaceNet;
import io.github.facenet4j.distribution.report.ContactSheet;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.gallery.Clusterer;
import io.github.facenet4j.models.FaceApiPack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole pipeline on the six sample photos of the face-api pack: detect every face,
 * align and embed it, group the faces by distance (the {@code agglomerative} clusterer plugin,
 * average linkage at the model's threshold), print a summary and write an HTML contact sheet.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Detect, embed and group the faces of the model pack's six sample photos; write an HTML contact sheet.")
public final class DemoCommand extends FaceCommand {

    static final String CLUSTERER = "agglomerative";

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "facenet-demo.html",
            description = "Contact sheet to write (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Group faces whose mean squared L2 distance is ≤ T (default: the model card's threshold).")
    Double threshold;

    @Override
    public Integer call() {
        requireThreshold(threshold);
        long start = System.nanoTime();
        try (PluginRuntime runtime = startRuntime()) {
            Clusterer clusterer = runtime.get(Clusterer.class, CLUSTERER);
            try (FaceNet faceNet = openFaceNet(runtime)) {
                Clusterer.Threshold t = threshold != null ? Clusterer.Threshold.given(threshold)
                        : Clusterer.Threshold.modelDefault(faceNet.threshold());
                String model = faceNet.card().id();
                Path pack = modelOptions.faceApiPack(FaceApiPack.SAMPLE_PHOTOS);
                List<FaceGroups.Photo> photos = new ArrayList<>();
                for (String entry : FaceApiPack.SAMPLE_PHOTOS) {
                    Path photo = pack.resolve(entry);
                    var image = faceNet.read(photo);
                    photos.add(new FaceGroups.Photo(photo.toString(), photo.getFileName().toString(), image,
                            faceNet.faces(image)));
                }
                FaceGroups groups = FaceGroups.cluster(photos, clusterer, t);
                ContactSheet.write("facenet4j demo: " + groups.faces() + " faces, model " + model, groups.sheet(),
                        output);
                print(photos, groups, model, (System.nanoTime() - start) / 1e9);
            } finally {
                runtime.release(clusterer);
            }
        }
        return 0;
    }

    private void print(List<FaceGroups.Photo> photos, FaceGroups groups, String model, double seconds) {
        Table table = new Table("PHOTO", "FACES");
        photos.forEach(p -> table.row(p.name(), p.faces().size()));
        out().print(table.render());
        out().println();
        out().print(groups.table());
        out().printf(Locale.ROOT, "%n%d faces in %d photos → %d groups (model %s, squared L2 ≤ %.3f, clusterer agglomerative) in %.1f s%n",
                groups.faces(), photos.size(), groups.clusters().count(), model, groups.clusters().threshold(), seconds);
        out().println("contact sheet: " + output.toAbsolutePath());
        out().flush();
    }
}
