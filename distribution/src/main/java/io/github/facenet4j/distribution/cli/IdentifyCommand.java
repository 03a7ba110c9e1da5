package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.FaceNet;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.evaluators.EmbeddingsCsv;
import io.github.facenet4j.evaluators.LabelledEmbeddings;
import io.github.facenet4j.faces.FacePipeline.Face;
import io.github.facenet4j.gallery.Gallery;
import io.github.facenet4j.gallery.Match;
import io.github.facenet4j.models.ModelCard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Who is in a photo: every face is searched in the gallery, and answered with its nearest
 * identities and their squared L2 distances, or {@code unknown} when even the nearest is
 * farther than the threshold (the model card's, or {@code --threshold}). Precomputed
 * embeddings ({@code --embeddings Q.csv}) are answered one per row, with the search
 * latencies.
 */
@Command(name = "identify", mixinStandardHelpOptions = true,
        description = "Identify every face of photos (or each row of --embeddings Q.csv) against a gallery:"
                + " the nearest identities with distances, or 'unknown'.")
public final class IdentifyCommand extends FaceCommand {

    private static final OptionRange TOP = OptionRange.between("--top", 1, GalleryOptions.MAX_TOP,
            "more is a listing, not a search");
    private static final OptionRange EFFORT = OptionRange.between("--effort", 1, 10_000,
            "candidates per search; an exact scan is cheaper beyond");

    /** Entries fetched per identity asked for, so that identities with several faces still fill --top. */
    private static final int ENTRIES_PER_IDENTITY = 5;

    @Mixin
    GalleryOptions galleryOptions;

    @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Photos; every face in them is identified.")
    List<Path> images;

    @Option(names = "--embeddings", paramLabel = "Q.csv",
            description = "Identify precomputed embeddings (id,label,e0,… as facenet embed writes) instead of photos.")
    Path embeddings;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5",
            description = "Identities to list per face, nearest first (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--effort", paramLabel = "N",
            description = "Candidates the approximate search gathers (default: the store's search-effort).")
    Integer effort;

    @Option(names = "--threshold", paramLabel = "D",
            description = "Squared L2 distance beyond which a face is unknown (default: the model card's).")
    Double threshold;

    /** One answered query. */
    private record Answer(String query, Face face, List<Match> identities, String identity, double micros) {
    }

    @Override
    public Integer call() {
        TOP.check(top);
        EFFORT.checkIfGiven(effort);
        requireThreshold(threshold);
        boolean photos = images != null && !images.isEmpty();
        if (photos == (embeddings != null)) {
            throw new BadInputException("Give photos or --embeddings Q.csv to identify (one of them)");
        }
        List<Answer> answers = new ArrayList<>();
        ModelCard card;
        try (PluginRuntime runtime = startRuntime()) {
            if (photos) {
                try (FaceNet faceNet = openFaceNet(runtime); Gallery gallery = galleryOptions.openForReading(runtime)) {
                    card = faceNet.card();
                    gallery.requireSpace(GalleryOptions.spaceOf(card));
                    double limit = threshold != null ? threshold : faceNet.threshold();
                    for (Path image : images) {
                        List<Face> faces = faceNet.faces(image);
                        if (faces.isEmpty()) {
                            err().println("note: no face found in " + image);
                        }
                        for (Face face : faces) {
                            answers.add(answer(gallery, image.toString(), face, face.embedding(), limit));
                        }
                    }
                }
            } else {
                LabelledEmbeddings rows = EmbeddingsCsv.read(embeddings);
                card = modelOptions.card();
                try (Gallery gallery = galleryOptions.openForReading(runtime)) {
                    gallery.requireSpace(GalleryOptions.spaceOf(card));
                    gallery.space().requireDimension(rows.batch().embeddings()[0], embeddings.toString());
                    double limit = threshold != null ? threshold : card.threshold();
                    float[][] vectors = rows.batch().embeddings();
                    for (int i = 0; i < vectors.length; i++) {
                        answers.add(answer(gallery, rows.ids().get(i), null, vectors[i], limit));
                    }
                }
            }
        }
        print(answers, threshold != null ? threshold : card.threshold(), !photos);
        return 0;
    }

    private Answer answer(Gallery gallery, String query, Face face, float[] embedding, double limit) {
        int k = Math.min(top * ENTRIES_PER_IDENTITY, GalleryOptions.MAX_TOP * ENTRIES_PER_IDENTITY);
        long start = System.nanoTime();
        List<Match> entries = gallery.search(embedding, k, effort == null ? 0 : Math.max(effort, k));
        double micros = (System.nanoTime() - start) / 1e3;
        List<Match> identities = nearestPerIdentity(entries, top);
        return new Answer(query, face, identities, Gallery.decide(identities, limit), micros);
    }

    /** The nearest entry of each identity, nearest first, at most {@code k}. */
    static List<Match> nearestPerIdentity(List<Match> entries, int k) {
        Map<String, Match> best = new LinkedHashMap<>();
        for (Match m : entries) {
            best.putIfAbsent(m.identity(), m);
        }
        return best.values().stream().limit(k).toList();
    }

    private void print(List<Answer> answers, double limit, boolean timed) {
        double[] micros = answers.stream().mapToDouble(Answer::micros).sorted().toArray();
        if (json) {
            List<Map<String, Object>> results = new ArrayList<>();
            for (Answer a : answers) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put(a.face() == null ? "id" : "file", a.query());
                if (a.face() != null) {
                    r.put("face", a.face().index());
                    r.put("box", boxArray(a.face().box()));
                }
                r.put("identity", a.identity() == null ? "unknown" : a.identity());
                List<Map<String, Object>> matches = new ArrayList<>();
                for (Match m : a.identities()) {
                    Map<String, Object> mm = new LinkedHashMap<>();
                    mm.put("identity", m.identity());
                    mm.put("distance", m.distance());
                    mm.put("entry", m.id());
                    matches.add(mm);
                }
                r.put("matches", matches);
                results.add(r);
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("gallery", galleryOptions.gallery.toString());
            document.put("threshold", limit);
            document.put("results", results);
            if (timed && micros.length > 0) {
                document.put("latency_ms", latency(micros));
            }
            out().println(Json.write(document));
        } else {
            Table table = new Table(timed ? "ID" : "FACE", "IDENTITY", "DISTANCE", "NEXT");
            for (Answer a : answers) {
                String face = a.face() == null ? a.query() : a.query() + "#" + a.face().index() + " at "
                        + box(a.face().box());
                String next = a.identities().stream().skip(1)
                        .map(m -> m.identity() + String.format(Locale.ROOT, " %.3f", m.distance()))
                        .reduce((x, y) -> x + ", " + y).orElse("");
                table.row(face, a.identity() == null ? "unknown" : a.identity(), a.identities().isEmpty() ? "-"
                        : String.format(Locale.ROOT, "%.3f", a.identities().get(0).distance()), next);
            }
            out().print(table.render());
            if (timed && micros.length > 0) {
                Map<String, Object> l = latency(micros);
                err().printf(Locale.ROOT, "%d searches, one thread: p50 %.3f ms, p99 %.3f ms, max %.3f ms"
                        + " (threshold %.3f)%n", micros.length, l.get("p50"), l.get("p99"), l.get("max"), limit);
            }
        }
        out().flush();
        err().flush();
    }

    private static Map<String, Object> latency(double[] sortedMicros) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("searches", sortedMicros.length);
        l.put("p50", percentile(sortedMicros, 0.50) / 1e3);
        l.put("p99", percentile(sortedMicros, 0.99) / 1e3);
        l.put("max", sortedMicros[sortedMicros.length - 1] / 1e3);
        return l;
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
