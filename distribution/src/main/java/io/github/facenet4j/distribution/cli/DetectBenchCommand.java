package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.bench.Timings;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.faces.FaceDetectorFactory;
import io.github.facenet4j.faces.ImageFiles;
import io.github.facenet4j.faces.PipelineContext;
import io.github.facenet4j.faces.RgbImage;
import io.github.facenet4j.models.FaceApiPack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Milliseconds per photo of each face detector at its configured settings, on the six sample
 * photos of the face-api pack (decoding not included), and the faces it finds in each.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Time each face detector on the face-api pack's six sample photos: median ms per photo, faces found.")
public final class DetectBenchCommand extends PluginCommand {

    private static final OptionRange RUNS = OptionRange.between("--runs", 1, 1000, "each run detects every photo once");

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--detector", split = ",", defaultValue = "tiny,ssd", paramLabel = "NAME",
            description = "Detector plugins to time, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> detectors;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs over the photos (default: ${DEFAULT-VALUE}).")
    int runs;

    /** One detector's result: median ms per photo, faces per photo. */
    record Row(String detector, double[] medianMs, int[] faces) {

        double medianOfPhotos() {
            double[] sorted = medianMs.clone();
            java.util.Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        int totalFaces() {
            return java.util.Arrays.stream(faces).sum();
        }
    }

    @Override
    public Integer call() {
        RUNS.check(runs);
        if (detectors.isEmpty()) {
            throw new ConfigurationException("--detector needs at least one detector name");
        }
        List<String> files = new ArrayList<>(FaceApiPack.SAMPLE_PHOTOS);
        List<Row> rows = new ArrayList<>();
        try (PluginRuntime runtime = runtimeOptions.start()) {
            Backend backend = runtime.get(Backend.class, modelOptions.backend);
            List<FaceDetectorFactory> factories = new ArrayList<>();
            for (String name : detectors) {
                FaceDetectorFactory factory = runtime.get(FaceDetectorFactory.class, name);
                factories.add(factory);
                files.addAll(factory.packFiles());
            }
            Path pack = modelOptions.faceApiPack(files);
            List<RgbImage> photos = new ArrayList<>();
            for (String entry : FaceApiPack.SAMPLE_PHOTOS) {
                photos.add(ImageFiles.read(pack.resolve(entry)));
            }
            for (FaceDetectorFactory factory : factories) {
                try (FaceDetectorFactory.Detector detector = factory.open(
                        new PipelineContext(backend, pack, OptionalInt.empty()))) {
                    rows.add(measure(factory.name(), detector, photos));
                }
            }
        }
        print(rows);
        return 0;
    }

    private Row measure(String name, FaceDetectorFactory.Detector detector, List<RgbImage> photos) {
        int[] faces = new int[photos.size()];
        for (int p = 0; p < photos.size(); p++) {
            faces[p] = detector.detect(photos.get(p)).size(); // warm-up: the engine plans and allocates
        }
        long[][] nanos = new long[photos.size()][runs];
        for (int r = 0; r < runs; r++) {
            for (int p = 0; p < photos.size(); p++) {
                long start = System.nanoTime();
                detector.detect(photos.get(p));
                nanos[p][r] = System.nanoTime() - start;
            }
        }
        double[] median = new double[photos.size()];
        for (int p = 0; p < photos.size(); p++) {
            median[p] = Timings.ofNanos(nanos[p]).medianMs();
        }
        return new Row(name, median, faces);
    }

    private void print(List<Row> rows) {
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = FaceApiPack.SAMPLE_PHOTOS.stream().map(p -> Path.of(p).getFileName().toString()).toList();
        if (json) {
            List<Object> results = new ArrayList<>();
            for (Row row : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("detector", row.detector());
                List<Object> photos = new ArrayList<>();
                for (int p = 0; p < names.size(); p++) {
                    photos.add(Map.of("photo", names.get(p), "median_ms", row.medianMs()[p], "faces", row.faces()[p]));
                }
                m.put("photos", photos);
                m.put("median_ms_per_photo", row.medianOfPhotos());
                m.put("faces", row.totalFaces());
                results.add(m);
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("backend", modelOptions.backend);
            document.put("runs", runs);
            document.put("results", results);
            out.println(Json.writePretty(document));
        } else {
            out.printf(Locale.ROOT, "median ms per photo over %d runs on backend %s (faces found in brackets)%n", runs,
                    modelOptions.backend);
            List<String> header = new ArrayList<>(List.of("DETECTOR"));
            names.forEach(n -> header.add(n.replace(".jpg", "")));
            header.add("MEDIAN");
            header.add("FACES");
            Table table = new Table(header.toArray(String[]::new));
            for (Row row : rows) {
                List<Object> cells = new ArrayList<>(List.of(row.detector()));
                for (int p = 0; p < names.size(); p++) {
                    cells.add(String.format(Locale.ROOT, "%.0f (%d)", row.medianMs()[p], row.faces()[p]));
                }
                cells.add(String.format(Locale.ROOT, "%.0f", row.medianOfPhotos()));
                cells.add(row.totalFaces());
                table.row(cells.toArray());
            }
            out.print(table.render());
        }
        out.flush();
    }
}
