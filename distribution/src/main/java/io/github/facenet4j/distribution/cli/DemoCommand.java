package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.FaceNet;
import io.github.facenet4j.distribution.report.ContactSheet;
import io.github.facenet4j.faces.FacePipeline.Face;
import io.github.facenet4j.faces.RgbImage;
import io.github.facenet4j.gallery.AgglomerativeClustering;
import io.github.facenet4j.models.FaceApiPack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole pipeline on the six sample photos of the face-api pack: detect every face,
 * align and embed it, group the faces by distance (average-linkage clustering at the
 * model's threshold), print a summary and write an HTML contact sheet.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Detect, embed and group the faces of the model pack's six sample photos; write an HTML contact sheet.")
public final class DemoCommand extends FaceCommand {

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
        List<ContactSheet.Photo> photos = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<Face> all = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        double t;
        String model;
        try (FaceNet faceNet = openFaceNet()) {
            t = threshold != null ? threshold : faceNet.threshold();
            model = faceNet.card().id();
            Path pack = modelOptions.faceApiPack(FaceApiPack.SAMPLE_PHOTOS);
            List<RgbImage> images = new ArrayList<>();
            List<List<Face>> facesPerPhoto = new ArrayList<>();
            for (String entry : FaceApiPack.SAMPLE_PHOTOS) {
                Path photo = pack.resolve(entry);
                RgbImage image = faceNet.read(photo);
                List<Face> faces = faceNet.faces(image);
                images.add(image);
                facesPerPhoto.add(faces);
                counts.put(photo.getFileName().toString(), faces.size());
                for (Face face : faces) {
                    all.add(face);
                    owners.add(photo.getFileName().toString());
                }
            }
            float[][] embeddings = all.stream().map(Face::embedding).toArray(float[][]::new);
            int[] groups = new AgglomerativeClustering(t).cluster(embeddings);
            int k = 0;
            for (int p = 0; p < images.size(); p++) {
                List<ContactSheet.Face> sheetFaces = new ArrayList<>();
                for (Face face : facesPerPhoto.get(p)) {
                    sheetFaces.add(new ContactSheet.Face(face.index(), face.box(), face.crop(), groups[k++]));
                }
                String name = Path.of(FaceApiPack.SAMPLE_PHOTOS.get(p)).getFileName().toString();
                photos.add(new ContactSheet.Photo(name, images.get(p), sheetFaces));
            }
            ContactSheet.write("facenet4j demo: " + all.size() + " faces, model " + model, photos, output);
            print(counts, groups, all, owners, t, model, (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    private void print(Map<String, Integer> counts, int[] groups, List<Face> faces, List<String> owners, double t,
                       String model, double seconds) {
        Table photos = new Table("PHOTO", "FACES");
        counts.forEach(photos::row);
        out().print(photos.render());
        Map<Integer, List<String>> members = new TreeMap<>();
        for (int i = 0; i < faces.size(); i++) {
            members.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(owners.get(i) + "#" + faces.get(i).index());
        }
        out().println();
        Table table = new Table("GROUP", "FACES", "MEMBERS");
        List<String> seenOnce = new ArrayList<>();
        members.forEach((g, list) -> {
            if (list.size() > 1) {
                table.row(g + 1, list.size(), String.join(" ", list));
            } else {
                seenOnce.addAll(list);
            }
        });
        if (!seenOnce.isEmpty()) {
            table.row("-", seenOnce.size(), "seen once: " + String.join(" ", seenOnce));
        }
        out().print(table.render());
        out().printf(Locale.ROOT, "%n%d faces in %d photos → %d groups (model %s, squared L2 ≤ %.3f, average linkage) in %.1f s%n",
                faces.size(), counts.size(), members.size(), model, t, seconds);
        out().println("contact sheet: " + output.toAbsolutePath());
        out().flush();
    }
}
