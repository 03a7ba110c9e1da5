package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.FaceNet;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.FaceNetException;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.evaluators.EmbeddingsCsv;
import io.github.facenet4j.evaluators.LabelledEmbeddings;
import io.github.facenet4j.faces.FaceBox;
import io.github.facenet4j.faces.FacePipeline.Face;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.gallery.FaceRegion;
import io.github.facenet4j.gallery.Gallery;
import io.github.facenet4j.gallery.GalleryEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Enrols faces into a gallery: photos of one named person, a folder per person, or
 * precomputed embeddings in the evaluators' CSV. After every durable commit it prints
 * {@code committed N} (the entries the gallery then holds) on stdout: what a caller reads
 * there survives any crash after it.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Enrol faces into a gallery: --name NAME IMAGE…, --from-folders ROOT (one folder per person),"
                + " or --embeddings E.csv; prints 'committed N' after every durable commit.")
public final class EnrollCommand extends FaceCommand {

    private static final OptionRange COMMIT_EVERY = OptionRange.atLeast("--commit-every", 1);

    @Mixin
    GalleryOptions galleryOptions;

    @Option(names = "--name", paramLabel = "NAME", description = "The identity of the faces in the photos given.")
    String name;

    @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Photos of --name; the largest face of each is enrolled.")
    List<Path> images;

    @Option(names = "--from-folders", paramLabel = "ROOT",
            description = "Enrol ROOT/PERSON/photo.jpg…: the folder's name is the identity.")
    Path fromFolders;

    @Option(names = "--embeddings", paramLabel = "E.csv",
            description = "Enrol precomputed embeddings (id,label[,metadata…],e0,…): the label is the identity.")
    Path embeddings;

    @Option(names = "--commit-every", paramLabel = "N", defaultValue = "10000",
            description = "Commit after N enrolments, or after a second, whichever comes first (default: ${DEFAULT-VALUE}).")
    long commitEvery;

    /** Commits at least this often while enrolling, so that little is lost to a crash. */
    private static final long COMMIT_NANOS = 1_000_000_000L;

    @Override
    public Integer call() {
        COMMIT_EVERY.check(commitEvery);
        int sources = (embeddings != null ? 1 : 0) + (fromFolders != null ? 1 : 0)
                + (images != null && !images.isEmpty() ? 1 : 0);
        if (sources != 1) {
            throw new BadInputException("Give one of: --name NAME IMAGE…, --from-folders ROOT, --embeddings E.csv");
        }
        if ((name != null) != (images != null && !images.isEmpty())) {
            throw new BadInputException("--name NAME and photos go together: facenet enroll --gallery DIR --name NAME"
                    + " IMAGE…");
        }
        if (embeddings != null) {
            return enrolCsv();
        }
        List<Path> photos = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (fromFolders != null) {
            for (Path person : people(fromFolders)) {
                for (Path photo : EmbedCommand.imagesUnder(person)) {
                    photos.add(photo);
                    names.add(person.getFileName().toString());
                }
            }
            if (photos.isEmpty()) {
                throw new BadInputException("No photos in the folders of " + fromFolders
                        + "; expected ROOT/PERSON/photo.jpg");
            }
        } else {
            photos.addAll(images);
            images.forEach(i -> names.add(name));
        }
        try (PluginRuntime runtime = startRuntime(); FaceNet faceNet = openFaceNet(runtime)) {
            EmbeddingSpace space = GalleryOptions.spaceOf(faceNet.card());
            try (Gallery gallery = galleryOptions.openForWriting(runtime, space)) {
                Committer committer = new Committer(gallery);
                int enrolled = 0;
                for (int i = 0; i < photos.size(); i++) {
                    Path photo = photos.get(i);
                    List<Face> faces;
                    try {
                        faces = faceNet.faces(photo);
                    } catch (FaceNetException e) {
                        if (fromFolders == null) {
                            throw e;
                        }
                        err().println("facenet: skipped: " + e.getMessage());
                        continue;
                    }
                    if (faces.isEmpty()) {
                        if (fromFolders == null) {
                            throw io.github.facenet4j.faces.FacePipeline.noFace(photo.toString());
                        }
                        err().println("note: no face found in " + photo + "; skipped");
                        continue;
                    }
                    Face face = faces.get(0);
                    if (faces.size() > 1) {
                        err().println("note: " + photo + " has " + faces.size() + " faces; enrolled the largest, at "
                                + box(face.box()));
                    }
                    committer.add(new GalleryEntry(photo + "#" + face.index(), names.get(i), photo.toString(),
                            region(face.box()), face.embedding()));
                    enrolled++;
                }
                long total = committer.finish();
                err().println("enrolled " + enrolled + " faces from " + photos.size() + " photos into "
                        + galleryOptions.gallery + " (" + total + " entries)");
            }
        }
        err().flush();
        return 0;
    }

    private int enrolCsv() {
        LabelledEmbeddings rows = EmbeddingsCsv.read(embeddings);
        EmbeddingSpace space = GalleryOptions.spaceOf(modelOptions.card());
        space.requireDimension(rows.batch().embeddings()[0], embeddings.toString());
        try (PluginRuntime runtime = startRuntime();
             Gallery gallery = galleryOptions.openForWriting(runtime, space)) {
            Committer committer = new Committer(gallery);
            int n = rows.batch().size();
            ProgressLine progress = new ProgressLine(err(), "enrolled", n);
            for (int i = 0; i < n; i++) {
                committer.add(new GalleryEntry(rows.ids().get(i), rows.labelNames().get(rows.batch().labels()[i]),
                        embeddings.getFileName().toString(), null, rows.batch().embeddings()[i]));
                progress.update(i + 1);
            }
            long total = committer.finish();
            progress.end();
            err().println("enrolled " + n + " embeddings from " + embeddings + " into " + galleryOptions.gallery + " ("
                    + total + " entries)");
        }
        err().flush();
        return 0;
    }

    /** Commits every {@code --commit-every} enrolments or every second, and says so on stdout. */
    private final class Committer {
        private final Gallery gallery;
        private long pending;
        private long lastCommit = System.nanoTime();

        Committer(Gallery gallery) {
            this.gallery = gallery;
        }

        void add(GalleryEntry entry) {
            gallery.add(entry);
            pending++;
            if (pending >= commitEvery || System.nanoTime() - lastCommit >= COMMIT_NANOS) {
                commit();
            }
        }

        private long commit() {
            long total = gallery.commit();
            out().println("committed " + total);
            out().flush();
            pending = 0;
            lastCommit = System.nanoTime();
            return total;
        }

        /** The last commit; the gallery's entries. */
        long finish() {
            return commit();
        }
    }

    private static FaceRegion region(FaceBox box) {
        return box == null || !(box.width() > 0) || !(box.height() > 0) ? null
                : new FaceRegion(box.x(), box.y(), box.width(), box.height());
    }

    private static List<Path> people(Path root) {
        if (!Files.isDirectory(root)) {
            throw new BadInputException("--from-folders " + root + " is not a folder; give ROOT with one folder per"
                    + " person");
        }
        try (Stream<Path> list = Files.list(root)) {
            return list.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new BadInputException("Cannot list " + root + ": " + io.github.facenet4j.distribution.AtomicFiles
                    .reason(e), e);
        }
    }

    /** A progress line on stderr for long loops: in place on a terminal, every 30 s otherwise. */
    static final class ProgressLine {
        private final java.io.PrintWriter err;
        private final String verb;
        private final long total;
        private final boolean interactive = System.console() != null;
        private final long intervalNanos = interactive ? 500_000_000L : 30_000_000_000L;
        private final long start = System.nanoTime();
        private long lastPrint = start;
        private boolean dirty;

        ProgressLine(java.io.PrintWriter err, String verb, long total) {
            this.err = err;
            this.verb = verb;
            this.total = total;
        }

        void update(long done) {
            long now = System.nanoTime();
            if (now - lastPrint < intervalNanos) {
                return;
            }
            lastPrint = now;
            double rate = done / ((now - start) / 1e9);
            err.printf(Locale.ROOT, "%s%s %d/%d (%.0f %%), %.0f/s%s", interactive ? "\r" : "", verb, done, total,
                    100.0 * done / total, rate, interactive ? "   " : "\n");
            err.flush();
            dirty = interactive;
        }

        void end() {
            if (dirty) {
                err.println();
                dirty = false;
            }
        }
    }
}
