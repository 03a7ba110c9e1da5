package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.FaceNet;
import io.github.facenet4j.distribution.faces.SamplePhotos;
import io.github.facenet4j.distribution.report.ContactSheet;
import io.github.facenet4j.evaluators.EmbeddingsCsv;
import io.github.facenet4j.evaluators.LabelledEmbeddings;
import io.github.facenet4j.models.ModelCard;
import io.github.facenet4j.faces.AlignmentTemplate;
import io.github.facenet4j.faces.FaceAligner;
import io.github.facenet4j.faces.FacePipeline.Face;
import io.github.facenet4j.faces.RgbImage;
import io.github.facenet4j.faces.SimilarityTransform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code embed} and {@code verify} on real photos through the CLI (plain runtime), and every
 * bad input the issue lists: one line on stderr, exit 2, nothing else written.
 */
class FaceCommandsTest {

    @TempDir
    static Path dir;

    private static Path sample2;
    private static Path sample2Half;

    @BeforeAll
    static void photos() throws IOException {
        sample2 = SamplePhotos.all().get(1);
        sample2Half = SamplePhotos.write(SamplePhotos.half(SamplePhotos.read(sample2)), dir.resolve("half.png"));
    }

    /** The CLI on the plain runtime. */
    static CliTest.Run run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--runtime";
        all[args.length + 1] = "plain";
        return CliTest.run(all);
    }

    @Test
    void embedWritesTheEvaluatorsCsvAndJson() throws IOException {
        Path csv = dir.resolve("out/e.csv");
        CliTest.Run run = run("embed", sample2.toString(), sample2Half.toString(), "--out", csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        LabelledEmbeddings read = EmbeddingsCsv.read(csv);
        assertThat(read.ids()).containsExactly(sample2 + "#0", sample2 + "#1", sample2 + "#2", sample2Half + "#0",
                sample2Half + "#1", sample2Half + "#2");
        assertThat(read.batch().embeddings()[0]).hasSize(128);
        assertThat(read.space().orElseThrow().space().name()).isEqualTo("dlib-resnet-v1@" + ModelCard.defaultCard().version());
        assertThat(Files.readAllLines(csv).get(1)).startsWith("id,label,file,face,x,y,width,height,e0,e1,");

        CliTest.Run json = run("embed", sample2.toString(), "--json");
        assertThat(json.out().lines()).as("one line").hasSize(1);
        Map<String, Object> document = Json.parseObject(json.out());
        assertThat(document.get("model")).isEqualTo("dlib-resnet-v1");
        @SuppressWarnings("unchecked")
        Map<String, Object> face = (Map<String, Object>) ((List<?>) document.get("faces")).get(0);
        assertThat(face.get("file")).isEqualTo(sample2.toString());
        assertThat(face.get("index")).isEqualTo(0L);
        assertThat((List<?>) face.get("box")).hasSize(4);
        List<?> embedding = (List<?>) face.get("embedding");
        assertThat(embedding).hasSize(128);
        float[] fromCsv = read.batch().embeddings()[0];
        for (int k = 0; k < 128; k++) {
            assertThat(((Number) embedding.get(k)).floatValue()).isEqualTo(fromCsv[k]);
        }
        // each component as the CSV writes it (Float.toString), not widened to a double's digits
        assertThat(json.out()).contains("\"embedding\":[" + fromCsv[0] + "," + fromCsv[1] + ",");
    }

    @Test
    void verifyAnswersSameOrDifferentWithExitZeroAndNotesSeveralFaces() {
        CliTest.Run same = run("verify", sample2.toString(), sample2Half.toString());
        assertThat(same.exitCode()).isZero();
        assertThat(same.out()).startsWith("same person: distance 0.0");
        assertThat(same.err().lines()).allMatch(l -> l.startsWith("note: ") && l.contains("has 3 faces; compared the largest"));

        CliTest.Run different = run("verify", sample2.toString(), SamplePhotos.all().get(4).toString(), "--json");
        assertThat(different.exitCode()).isZero();
        Map<String, Object> document = Json.parseObject(different.out());
        assertThat(document.get("same")).isEqualTo(false);
        assertThat(document.get("threshold")).isEqualTo(0.12);
        assertThat(Json.doubleValue(document, "distance")).isGreaterThan(0.12);
        assertThat(Json.objectValue(document, "a")).containsEntry("faces_found", 3L)
                .containsEntry("note", "3 faces; compared the largest");
        assertThat((List<?>) Json.objectValue(document, "a").get("box")).hasSize(4);

        CliTest.Run strict = run("verify", sample2.toString(), sample2Half.toString(), "--threshold", "0.0001", "--json");
        assertThat(Json.parseObject(strict.out()).get("same")).isEqualTo(false);
    }

    /** A valid PNG header claiming 30000×30000 RGB pixels, with a token IDAT: a decompression bomb's shape. */
    static byte[] hugePng() {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(30000).putInt(30000).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static void assertOneLine(CliTest.Run run, String expectedStart) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("facenet: " + expectedStart);
    }

    @Test
    void badInputsAreOneLineAndExitTwo() throws IOException {
        Path missing = dir.resolve("missing.jpg");
        assertOneLine(run("verify", missing.toString(), sample2.toString()), "No such file: " + missing);

        Path accented = dir.resolve("é.jpg"); // the name comes back as given, not as "?.jpg"
        assertOneLine(run("verify", accented.toString(), sample2.toString()), "No such file: " + accented);
        assertThat(run("embed", accented.toString()).err()).endsWith("é.jpg" + System.lineSeparator());

        Path text = Files.writeString(dir.resolve("notes.jpg"), "these are not pixels\n");
        assertOneLine(run("verify", text.toString(), sample2.toString()), text + " is not a JPEG, PNG or BMP image");

        byte[] jpeg = Files.readAllBytes(sample2);
        Path truncated = Files.write(dir.resolve("truncated.jpg"), java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        assertOneLine(run("verify", truncated.toString(), sample2.toString()), truncated + " is truncated or corrupt");

        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        assertOneLine(run("embed", empty.toString()), empty + " is empty (0 bytes)");

        Path huge = Files.write(dir.resolve("huge.png"), hugePng());
        assertOneLine(run("embed", huge.toString()), huge + ": image is 30000×30000 (900 megapixels), above the limit");

        Path blank = SamplePhotos.write(new java.awt.image.BufferedImage(320, 240,
                java.awt.image.BufferedImage.TYPE_INT_RGB), dir.resolve("blank.png"));
        assertOneLine(run("verify", blank.toString(), sample2.toString()), "No face found in " + blank);

        Path notADirectory = Files.writeString(dir.resolve("cache-file"), "x");
        assertOneLine(run("verify", sample2.toString(), sample2.toString(), "--model-cache",
                notADirectory.resolve("face-api").toString()), "Cannot write the model cache");

        assertOneLine(run("verify", sample2.toString(), sample2.toString(), "--backend", "tensorflow"),
                "No backend 'tensorflow'. Available: djl, dl4j, onnx.");
        assertOneLine(run("verify", sample2.toString(), sample2.toString(), "--threshold", "-1"),
                "--threshold must be in [0, 4] (squared L2 of unit vectors), got -1.0");
        assertOneLine(run("demo", "--threshold", "4.5", "--out", dir.resolve("demo.html").toString()),
                "--threshold must be in [0, 4] (squared L2 of unit vectors), got 4.5");
        assertOneLine(run("verify", sample2.toString(), sample2.toString(), "--detector-size", "500"),
                "--detector-size must be a multiple of 32 (512 by default, 800 or more for small faces), got 500");
    }

    @Test
    void detectorChoicesAndSsdSettingsAreOneLine() throws IOException {
        String photo = sample2.toString();
        assertOneLine(run("verify", photo, photo, "--detector", "nope"), "No detector 'nope'. Available: ssd, tiny.");
        assertOneLine(run("verify", photo, photo, "--detector", "ssd", "--detector-size", "640"),
                "detector ssd always runs at 512 × 512 (its anchors are for that size), got --detector-size 640;"
                        + " leave --detector-size out or use --detector tiny");
        Path conf = Files.createDirectories(dir.resolve("ssd-conf"));
        Path file = conf.resolve("facenet.detector.ssd.cfg");
        Files.writeString(file, "min-confidence = 1\n");
        assertOneLine(run("verify", photo, photo, "--detector", "ssd", "--config", conf.toString()),
                "detector ssd: min-confidence must be in (0, 1), got 1.0");
        Files.writeString(file, "max-results = 0\n");
        assertOneLine(run("verify", photo, photo, "--detector", "ssd", "--config", conf.toString()),
                "detector ssd: max-results must be at least 1, got 0");
        Files.writeString(file, "max-result = 5\n");
        assertOneLine(run("verify", photo, photo, "--detector", "ssd", "--config", conf.toString()),
                "detector ssd: unknown key 'max-result' (known: iou-threshold, max-results, min-confidence);"
                        + " check conf/facenet.detector.ssd.cfg");
    }

    @Test
    void theSsdDetectorFindsTheTurnedHeadThatTheTinyOneMisses() {
        CliTest.Run tiny = run("embed", sample2.toString(), "--json", "--detector", "tiny");
        CliTest.Run ssd = run("embed", sample2.toString(), "--json");
        assertThat(ssd.exitCode()).as(ssd.err()).isZero();
        assertThat((List<?>) Json.parseObject(tiny.out()).get("faces")).hasSize(2);
        assertThat((List<?>) Json.parseObject(ssd.out()).get("faces")).hasSize(3);
    }

    @Test
    void benchDetectTimesEachDetectorOnTheSamplePhotosAndCountsTheirFaces() {
        CliTest.Run run = run("bench", "detect", "--runs", "1", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Object> document = Json.parseObject(run.out());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) document.get("results");
        assertThat(results).extracting(r -> r.get("detector")).containsExactly("tiny", "ssd");
        assertThat(results).extracting(r -> r.get("faces")).containsExactly(21L, 22L);
        assertThat(results).allSatisfy(r -> assertThat((Double) r.get("median_ms_per_photo")).isPositive());
        assertThat((List<?>) results.get(1).get("photos")).hasSize(6);

        assertOneLine(run("bench", "detect", "--runs", "0"),
                "--runs must be in [1, 1000] (each run detects every photo once), got 0");
        assertOneLine(run("bench", "detect", "--detector", "tiny,nope"), "No detector 'nope'. Available: ssd, tiny.");
    }

    /** The aligned-crop check runs the detector it was measured with (tiny at 224) whatever --detector says. */
    @Test
    void alignedInputsAreCheckedWithTheSsdDetectorChosenToo() throws IOException {
        Path blank = SamplePhotos.write(new java.awt.image.BufferedImage(150, 150,
                java.awt.image.BufferedImage.TYPE_INT_RGB), dir.resolve("blank-150.png"));
        CliTest.Run run = run("embed", "--aligned", "--detector", "ssd", blank.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("warning: " + blank + " does not look like an aligned crop (no face found in it");
        assertThat((List<?>) Json.parseObject(run.out()).get("faces")).hasSize(1);
    }

    @Test
    void theDeviceIsTypedAndAGpuWithoutItsNativesIsOneLineNamingWhatIsMissing() {
        assertOneLine(run("verify", sample2.toString(), sample2.toString(), "--device", "tpu"),
                "Unknown device 'tpu'; use cpu, gpu or gpu:N (N = the GPU's index)");
        assertOneLine(run("bench", "embed", "--device", "gpu:x"), "Unknown device 'gpu:x'");
        assertOneLine(run("verify", sample2.toString(), sample2.toString(), "--device", "gpu"),
                "backend onnx: device gpu:0 needs ONNX Runtime's GPU build (com.microsoft.onnxruntime:onnxruntime_gpu:1.23.2,"
                        + " build with -Pcuda), CUDA 12 and an NVIDIA GPU; this installation cannot use it (");
        assertOneLine(run("embed", sample2.toString(), "--backend", "dl4j", "--device", "gpu:1"),
                "backend dl4j: device gpu:1 needs ND4J's CUDA backend and an NVIDIA GPU; this installation has only the"
                        + " CPU natives");
        assertOneLine(run("verify", sample2.toString(), sample2.toString(), "--backend", "djl", "--device", "gpu"),
                "backend djl: device gpu:0 needs PyTorch's CUDA natives");
    }

    @Test
    void embedOfADirectorySkipsBadFilesWithANoteAndKeepsTheRest() throws IOException {
        Path photos = Files.createDirectories(dir.resolve("album/anna"));
        Files.copy(sample2, photos.resolve("a.jpg"));
        Files.writeString(photos.resolve("broken.jpg"), "not an image");
        Path csv = dir.resolve("album.csv");
        CliTest.Run run = run("embed", dir.resolve("album").toString(), "--out", csv.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("facenet: skipped: " + photos.resolve("broken.jpg") + " is not a JPEG");
        LabelledEmbeddings read = EmbeddingsCsv.read(csv);
        assertThat(read.labelNames()).containsExactly("anna");
        assertThat(read.ids()).hasSize(3);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(5); // the space, the header and the three faces
    }

    /** A FIFO at {@code path}, made by mkfifo(1): Java cannot make one. */
    private static Path mkfifo(Path path) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor()).isZero();
        return path;
    }

    /** The timeout's own thread: an open(2) blocked on a FIFO ignores interrupts, and must fail, not hang. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPipeNamedLikeAPhotoIsRefusedNamedAndSkippedInADirectoryWithoutBlocking() throws Exception {
        Path album = Files.createDirectories(dir.resolve("piped/anna"));
        Files.copy(sample2, album.resolve("a.jpg"));
        Path fifo = mkfifo(album.resolve("x.jpg"));
        assertOneLine(run("verify", fifo.toString(), sample2.toString()),
                fifo + " is not a regular file (a pipe, device or socket); give an image file");

        CliTest.Run walked = run("embed", dir.resolve("piped").toString(), "--out", dir.resolve("piped.csv").toString());
        assertThat(walked.exitCode()).as(walked.err()).isZero();
        assertThat(walked.err().lines()).contains("facenet: skipped: " + fifo
                + " is not a regular file (a pipe, device or socket); give an image file");
        assertThat(EmbeddingsCsv.read(dir.resolve("piped.csv")).ids()).hasSize(3);
    }

    @Test
    void alignedInputNotOfTheModelsSizeIsWarnedAboutOnceAndStillEmbedded() throws IOException {
        java.awt.image.BufferedImage photo = SamplePhotos.read(sample2);
        CliTest.Run squashed = run("verify", "--aligned", sample2.toString(), sample2.toString());
        assertThat(squashed.exitCode()).as(squashed.err()).isZero();
        assertThat(squashed.out()).startsWith("same person: distance 0.0");
        String warning = "warning: " + sample2 + " is " + photo.getWidth() + "×" + photo.getHeight()
                + ", not the model's 150×150 input: --aligned resizes it whole; without --aligned its faces are"
                + " detected and aligned";
        assertThat(squashed.err().lines()).containsExactly(warning, warning);

        Path crop = SamplePhotos.write(new java.awt.image.BufferedImage(150, 150,
                java.awt.image.BufferedImage.TYPE_INT_RGB), dir.resolve("crop150.png"));
        CliTest.Run fits = run("embed", "--aligned", crop.toString(), "--json");
        assertThat(fits.exitCode()).as(fits.err()).isZero();
        assertThat(fits.err().lines()).containsExactly("warning: " + crop + " does not look like an aligned crop"
                + " (no face found in it, the model's template puts it at -5,9 159×144): without --aligned its faces"
                + " are detected and aligned");
    }

    @Test
    void alignedInputOfTheModelsSizeIsWarnedAboutWhenItsFaceIsFarFromTheTemplate() throws IOException {
        List<Path> aligned = new ArrayList<>();
        List<Path> misaligned = new ArrayList<>();
        // Crops of the faces the tiny detector finds: the check runs it (at 224) on each crop, and
        // it does not find the turned head of sample2 that the default ssd detector crops too.
        try (FaceNet faceNet = FaceNet.builder().detector("tiny").open()) {
            FaceAligner aligner = new FaceAligner(AlignmentTemplate.forCard(faceNet.card()));
            for (Path photo : SamplePhotos.all()) {
                RgbImage image = faceNet.read(photo);
                String name = photo.getFileName().toString().replace(".jpg", "");
                List<Face> faces = faceNet.faces(image);
                for (Face face : faces) {
                    aligned.add(png(face.crop(), name + "-" + face.index() + ".png"));
                }
                // The whole group photo squashed to 150×150; the largest face at half size,
                // centred, and at half size in the bottom-right corner.
                misaligned.add(png(image.resize(150, 150), name + "-whole.png"));
                SimilarityTransform cropToImage = aligner.cropToImage(faces.get(0).landmarks());
                misaligned.add(png(FaceAligner.warp(image,
                        cropToImage.after(new SimilarityTransform(2, 0, -75, -75)), 150), name + "-half.png"));
                misaligned.add(png(FaceAligner.warp(image,
                        cropToImage.after(new SimilarityTransform(2, 0, -150, -150)), 150), name + "-corner.png"));
            }
        }
        assertThat(aligned).hasSize(21);

        List<String> args = new ArrayList<>(List.of("embed", "--aligned", "--out", dir.resolve("aligned.csv").toString()));
        aligned.forEach(p -> args.add(p.toString()));
        misaligned.forEach(p -> args.add(p.toString()));
        CliTest.Run run = run(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        int photos = aligned.size() + misaligned.size();
        assertThat(EmbeddingsCsv.read(dir.resolve("aligned.csv")).ids()).hasSize(photos);
        List<String> lines = run.err().lines().toList();
        assertThat(lines).last().isEqualTo("wrote " + photos + " faces from " + photos + " photos to "
                + dir.resolve("aligned.csv"));
        List<String> warned = lines.subList(0, lines.size() - 1);
        assertThat(warned).hasSize(misaligned.size()).allSatisfy(line -> assertThat(line)
                .matches("warning: .* does not look like an aligned crop \\((no face found in it|its face is at"
                        + " -?\\d+,-?\\d+ \\d+×\\d+), the model's template puts it at -5,9 159×144\\): without"
                        + " --aligned its faces are detected and aligned"));
        for (int i = 0; i < misaligned.size(); i++) {
            assertThat(warned.get(i)).startsWith("warning: " + misaligned.get(i) + " ");
        }
    }

    private static Path png(RgbImage image, String name) {
        return SamplePhotos.write(ContactSheet.buffered(image), dir.resolve(name));
    }
}
