package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.FaceNetException;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.AtomicFiles;
import io.github.facenet4j.FaceNet;
import io.github.facenet4j.evaluators.EmbeddingsCsv;
import io.github.facenet4j.models.ModelCard;
import io.github.facenet4j.faces.FacePipeline.Face;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One row per face: file, face index, box and embedding, as CSV in the evaluators' format
 * (id, label, metadata, e0…) or as JSON. A directory is read recursively; the label is the
 * folder a photo sits in ({@code root/identity/photo.jpg}).
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed every face of photos (files or directories) as CSV (id,label,file,face,x,y,width,height,e0,…) or JSON.")
public final class EmbedCommand extends FaceCommand {

    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp");
    private static final List<String> METADATA = List.of("file", "face", "x", "y", "width", "height");

    @Parameters(arity = "0..*", paramLabel = "IMAGE|DIR", description = "Photos, or directories searched for .jpg/.jpeg/.png/.bmp.")
    List<Path> inputs;

    @Option(names = "--aligned", description = "The inputs are already aligned face crops: skip detection.")
    boolean aligned;

    @Option(names = "--out", paramLabel = "E.csv", description = "Write the CSV here (atomically) instead of to standard output.")
    Path output;

    @Option(names = "--dataset", paramLabel = "SPEC[:train|test]",
            description = "Instead of photos, embed a data set with --model DIR (e.g. fashion-mnist:test) as CSV id,label,e0,….")
    String dataset;

    /** One embedded face of one photo. */
    private record Row(Path file, String label, Face face) {
    }

    @Override
    public Integer call() {
        if (dataset != null) {
            if (inputs != null && !inputs.isEmpty()) {
                throw new BadInputException("Give photos or --dataset, not both");
            }
            try (var runtime = startRuntime()) {
                return new DatasetEmbedding(dataset, modelOptions.modelPack(), modelOptions.backend, output)
                        .run(runtime, out(), err());
            }
        }
        if (inputs == null || inputs.isEmpty()) {
            throw new BadInputException("Give photos or directories to embed (or --dataset SPEC with --model DIR)");
        }
        List<Path> files = new ArrayList<>();
        List<Boolean> named = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                List<Path> found = imagesUnder(input);
                files.addAll(found);
                found.forEach(f -> named.add(false));
            } else {
                files.add(input);
                named.add(true);
            }
        }
        if (files.isEmpty()) {
            throw new BadInputException("No .jpg, .jpeg, .png or .bmp files under " + inputs);
        }
        List<Row> rows = new ArrayList<>();
        try (FaceNet faceNet = openFaceNet()) {
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                List<Face> faces;
                try {
                    faces = aligned ? List.of(alignedCrop(faceNet, file)) : faceNet.faces(file);
                } catch (FaceNetException e) {
                    if (named.get(i)) {
                        throw e;
                    }
                    err().println("facenet: skipped: " + e.getMessage());
                    continue;
                }
                if (faces.isEmpty()) {
                    err().println("note: no face found in " + file);
                }
                String label = file.toAbsolutePath().getParent() == null ? ""
                        : file.toAbsolutePath().getParent().getFileName().toString();
                for (Face face : faces) {
                    rows.add(new Row(file, label, face));
                }
            }
            err().flush();
            if (rows.isEmpty()) {
                throw new BadInputException("No face found in any of the " + files.size() + " photos");
            }
            if (json) {
                out().println(json(faceNet.card(), rows));
            } else if (output != null) {
                AtomicFiles.writeString(output, csv(faceNet.card(), rows));
                err().println("wrote " + rows.size() + " faces from " + files.size() + " photos to " + output);
            } else {
                out().print(csv(faceNet.card(), rows));
            }
            out().flush();
            err().flush();
        }
        return 0;
    }

    /** The photos under {@code dir}, recursively, sorted by name; also what {@code cluster} and {@code enroll --from-folders} read. */
    static List<Path> imagesUnder(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            // not only regular files: a pipe or device named like a photo is skipped with a note by
            // the image reader, which refuses it unopened, rather than left out in silence
            return walk.filter(p -> !Files.isDirectory(p)).filter(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return EXTENSIONS.stream().anyMatch(name::endsWith);
            }).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("Cannot list " + dir + ": " + AtomicFiles.reason(e), e);
        } catch (UncheckedIOException e) {
            throw new BadInputException("Cannot list " + dir + ": " + e.getCause().getMessage(), e);
        }
    }

    private static String csv(ModelCard card, List<Row> rows) {
        int d = rows.get(0).face().embedding().length;
        StringBuilder sb = new StringBuilder(EmbeddingsCsv.spaceLine(card.space())).append('\n')
                .append(EmbeddingsCsv.header(METADATA, d)).append('\n');
        for (Row row : rows) {
            String file = row.file().toString();
            String index = Integer.toString(row.face().index());
            List<String> metadata = new ArrayList<>(List.of(file, index));
            double[] box = boxArray(row.face().box());
            for (int k = 0; k < 4; k++) {
                metadata.add(box == null ? "" : Double.toString(box[k]));
            }
            sb.append(EmbeddingsCsv.row(file + "#" + index, row.label(), metadata, row.face().embedding())).append('\n');
        }
        return sb.toString();
    }

    private static String json(ModelCard card, List<Row> rows) {
        List<Map<String, Object>> faces = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> face = new LinkedHashMap<>();
            face.put("file", row.file().toString());
            face.put("index", row.face().index());
            face.put("box", boxArray(row.face().box()));
            face.put("embedding", row.face().embedding());
            faces.add(face);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("model", card.id());
        document.put("space", card.space().toJson());
        document.put("faces", faces);
        return Json.write(document);
    }
}
