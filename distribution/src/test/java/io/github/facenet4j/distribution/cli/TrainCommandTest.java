package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.OptimizerSettings;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.InputNormalisation.ChannelOrder;
import io.github.facenet4j.backends.djl.internal.DjlBackend;
import io.github.facenet4j.backends.djl.internal.DjlBackendConfig;
import io.github.facenet4j.backends.onnx.internal.OrtBackend;
import io.github.facenet4j.backends.onnx.internal.OrtBackendConfig;
import io.github.facenet4j.evaluators.EmbeddingsCsv;
import io.github.facenet4j.models.Architecture;
import io.github.facenet4j.models.Architectures;
import io.github.facenet4j.models.ModelCard;
import io.github.facenet4j.training.data.FashionMnist;
import io.github.facenet4j.training.internal.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * facenet train / export / embed --dataset on a small synthetic Fashion-MNIST-shaped data set
 * (IDX files written here: 10 classes, 40 training and 10 test images each), plain runtime.
 */
class TrainCommandTest {

    @TempDir
    static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeIdxFiles() throws IOException {
        writePart(data, "train", 40, 1);
        writePart(data, "t10k", 10, 2);
    }

    /** Class c: a bright 8×8 square at a class-dependent place, plus noise. */
    static void writePart(Path directory, String part, int perClass, long seed) throws IOException {
        int n = 10 * perClass;
        Random random = new Random(seed);
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            labels[i] = (byte) c;
            int top = 2 + (c / 5) * 12 + random.nextInt(3);
            int left = 2 + (c % 5) * 4 + random.nextInt(3);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int v = random.nextInt(40);
                    if (y >= top && y < top + 8 && x >= left && x < left + 8) {
                        v += 180;
                    }
                    pixels[i * 784 + y * 28 + x] = (byte) v;
                }
            }
        }
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(
                Files.newOutputStream(directory.resolve(part + "-images-idx3-ubyte.gz"))))) {
            out.writeInt(0x803);
            out.writeInt(n);
            out.writeInt(28);
            out.writeInt(28);
            out.write(pixels);
        }
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(
                Files.newOutputStream(directory.resolve(part + "-labels-idx1-ubyte.gz"))))) {
            out.writeInt(0x801);
            out.writeInt(n);
            out.write(labels);
        }
    }

    /**
     * One intra-op thread: PyTorch's multi-threaded CPU kernels do not always add in the same
     * order from run to run (two uninterrupted 2-thread runs with one seed parted at step 85 in
     * docs/BENCHMARKS.md), and the exact-resume comparison needs bit-identical steps.
     */
    private String[] train(Path out, String... extra) {
        Path conf = dir.resolve("single-thread-conf");
        try {
            Files.createDirectories(conf);
            Files.writeString(conf.resolve("facenet.backend.djl.cfg"), "intra-op-threads = 1\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> args = new java.util.ArrayList<>(List.of("train", "--runtime", "plain", "--config", conf.toString(),
                "--dataset",
                "fashion-mnist:" + data, "--p", "5", "--k", "8", "--seed", "7", "--validate-every", "10",
                "--checkpoint-every", "10", "--out", out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void trainsExportsAndTheOnnxExportMatchesTheDjlNetwork() throws Exception {
        Path out = dir.resolve("run");
        CliTest.Run run = CliTest.run(train(out, "--steps", "30", "--lr", "3e-3"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Completed 30 steps").contains("precision@1");
        assertThat(out.resolve("model-card.json")).isRegularFile();
        assertThat(out.resolve("model.onnx")).isRegularFile();
        assertThat(out.resolve("training-report.html")).isRegularFile();
        List<String> log = Files.readAllLines(out.resolve("training-log.jsonl"));
        assertThat(log.stream().filter(l -> l.contains("\"type\":\"step\""))).hasSize(30);
        assertThat(log.stream().filter(l -> l.contains("\"type\":\"validation\""))).hasSize(3);
        // the card carries the normalisation the trainer was given (its log's start line records it)
        ModelCard trained = ModelCard.read(out);
        assertThat(trained.input().normalisation()).isEqualTo(InputNormalisation.unitRange(ChannelOrder.GRAY));
        assertThat(Json.parseObject(log.get(0)).get("input_normalisation"))
                .isEqualTo(Map.of("channel_order", "gray", "mean", List.of(0.0), "scale", List.of(255.0)));

        Path exported = dir.resolve("export/model.onnx");
        CliTest.Run export = CliTest.run("export", "--runtime", "plain", "--model", out.toString(), "--format", "onnx",
                "--out", exported.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        ModelCard card = ModelCard.read(exported.getParent());
        assertThat(card.weights().file()).isEqualTo("model.onnx");
        assertThat(card.training()).as("export keeps the training record").isEqualTo(trained.training()).isPresent();
        assertThat(card.embeddingSize()).isEqualTo(64);
        assertThat(card.input()).isEqualTo(trained.input());

        // The DJL network restored from the checkpoint against the ONNX file on ONNX Runtime.
        Architecture arch = Architectures.get("small-cnn");
        float[] x = new float[16 * 784];
        Random random = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        TensorBatch batch = new TensorBatch(x, 16, 1, 28, 28);
        float[][] djl;
        DjlBackend djlBackend = new DjlBackend(DjlBackendConfig.defaults());
        try (TrainableEmbedder net = djlBackend.trainable(arch.initialise(arch.defaultInput(), 64, 99),
                OptimizerSettings.adam(1e-3))) {
            Checkpoint.restoreEmbedder(out.resolve("checkpoint.zip"), net);
            djl = net.embed(batch);
        }
        OrtBackend onnx = new OrtBackend(OrtBackendConfig.defaults());
        for (Path file : List.of(exported, out.resolve("model.onnx"))) {
            try (Network net = onnx.load(file)) {
                float[][] ort = net.run(batch);
                double max = 0;
                for (int i = 0; i < ort.length; i++) {
                    for (int j = 0; j < ort[i].length; j++) {
                        max = Math.max(max, Math.abs(ort[i][j] - djl[i][j]));
                    }
                }
                assertThat(max).as(file.toString()).isLessThanOrEqualTo(1e-4);
            }
        }
        // the weights moved away from the initialisation: the checkpoint is not the seed's graph
        try (TrainableEmbedder fresh = djlBackend.trainable(arch.initialise(arch.defaultInput(), 64, 7),
                OptimizerSettings.adam(1e-3))) {
            float[][] initial = fresh.embed(batch);
            assertThat(Math.abs(initial[0][0] - djl[0][0]) + Math.abs(initial[1][1] - djl[1][1])).isGreaterThan(1e-4f);
        }

        Path csv = dir.resolve("e.csv");
        CliTest.Run embed = CliTest.run("embed", "--runtime", "plain", "--model", out.toString(), "--dataset",
                "fashion-mnist:" + data + ":test", "--out", csv.toString());
        assertThat(embed.exitCode()).as(embed.err()).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(102);
        assertThat(rows.get(0)).isEqualTo(EmbeddingsCsv.spaceLine(trained.space()));
        assertThat(EmbeddingsCsv.read(csv).space()).contains(trained.space());
        assertThat(rows.get(1)).startsWith("id,label,e0,e1,").endsWith(",e63");
        assertThat(embed.err()).contains("embedded 100 images").contains("precision@1");
        // embed --dataset feeds the network the test images normalised as the card says
        TensorBatch test = FashionMnist.loadTest(data).batch(0, 100, trained.input().normalisation());
        try (Network net = onnx.load(out.resolve("model.onnx"))) {
            float[][] expected = net.run(test);
            for (int i = 0; i < 100; i++) {
                String[] cells = rows.get(i + 2).split(","); // after the space line and the header
                for (int j = 0; j < 64; j++) {
                    assertThat(Float.parseFloat(cells[j + 2])).as("image %d, e%d", i, j)
                            .isCloseTo(expected[i][j], within(1e-6f));
                }
            }
        }
        CliTest.Run verification = CliTest.run("evaluate", "verification", "--runtime", "plain", "--embeddings",
                csv.toString(), "--far", "1e-2", "--json");
        assertThat(verification.exitCode()).as(verification.err()).isZero();
    }

    @Test
    void resumeContinuesExactlyWhereTheCheckpointLeftOff() throws Exception {
        Path straight = dir.resolve("straight");
        assertThat(CliTest.run(train(straight, "--steps", "20")).exitCode()).isZero();
        Path split = dir.resolve("split");
        assertThat(CliTest.run(train(split, "--steps", "10")).exitCode()).isZero();
        CliTest.Run resumed = CliTest.run(train(split, "--steps", "20", "--resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Completed 20 steps").contains("(10 this run)");
        List<String> a = steps(straight);
        List<String> b = steps(split);
        assertThat(b).hasSize(20);
        assertThat(b).isEqualTo(a);
        assertThat(Files.readAllBytes(split.resolve("model.onnx"))).isEqualTo(Files.readAllBytes(straight.resolve("model.onnx")));
    }

    @Test
    void resumeWithADifferentOptionNamesItWithBothValues() {
        Path run = dir.resolve("run");
        assertThat(CliTest.run(train(run, "--steps", "2")).exitCode()).isZero();
        CliTest.Run resumed = CliTest.run(train(run, "--steps", "4", "--resume", "--miner", "hardest"));
        assertThat(resumed.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(resumed.err()).isEqualTo("facenet: --resume: the run in " + run + " was trained with --miner"
                + " semi-hard, this run asks for --miner hardest; resume with the run's options, or train into"
                + " another --out" + System.lineSeparator());
    }

    @Test
    void aRunKilledBeforeItsFirstCheckpointCanBeResumedOrStartedAgain() throws IOException {
        Path run = dir.resolve("run");
        assertThat(CliTest.run(train(run, "--steps", "2")).exitCode()).isZero();
        // what a kill before the first checkpoint leaves: settings and a log, no checkpoint
        Files.delete(run.resolve("checkpoint.zip"));
        CliTest.Run resumed = CliTest.run(train(run, "--steps", "3", "--resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("facenet: the run in " + run + " ended before its first checkpoint;"
                + " starting it again from step 0");
        assertThat(resumed.out()).contains("Completed 3 steps").contains("(3 this run)");
        Files.delete(run.resolve("checkpoint.zip"));
        CliTest.Run again = CliTest.run(train(run, "--steps", "2"));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Completed 2 steps");

        Path none = dir.resolve("none");
        CliTest.Run nothing = CliTest.run(train(none, "--steps", "2", "--resume"));
        assertThat(nothing.err()).isEqualTo("facenet: --resume: " + none + " does not exist; train without --resume to"
                + " start a run there" + System.lineSeparator());
        assertThat(none).as("refused before the lock would create it").doesNotExist();
    }

    @Test
    void aSecondWriterOfTheOutputFolderIsRefusedWithTheHolder() {
        Path run = dir.resolve("run");
        try (io.github.facenet4j.distribution.FolderLock held = io.github.facenet4j.distribution.FolderLock.acquire(
                run, "--out")) {
            CliTest.Run second = CliTest.run(train(run, "--steps", "2"));
            assertThat(second.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
            assertThat(second.err()).startsWith("facenet: --out " + run + " is in use by another facenet process"
                    + " (pid " + ProcessHandle.current().pid() + ", started ")
                    .endsWith("); wait for it to end or stop it, or choose another --out" + System.lineSeparator());
        }
        assertThat(CliTest.run(train(run, "--steps", "2")).exitCode()).isZero();
    }

    @Test
    void exportRefusesToReplaceTheCardOfAnotherModel() throws IOException {
        Path run = dir.resolve("run");
        assertThat(CliTest.run(train(run, "--steps", "2")).exitCode()).isZero();
        Path shelf = dir.resolve("shelf");
        String[] first = {"export", "--runtime", "plain", "--model", run.toString(), "--out",
                shelf.resolve("model.onnx").toString()};
        assertThat(CliTest.run(first).exitCode()).isZero();
        Path card = shelf.resolve(ModelCard.FILE_NAME);
        String written = Files.readString(card);
        // exporting the same file again replaces its own card
        assertThat(CliTest.run(first).exitCode()).isZero();

        CliTest.Run other = CliTest.run("export", "--runtime", "plain", "--model", run.toString(), "--out",
                shelf.resolve("other.onnx").toString());
        assertThat(other.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(other.err()).isEqualTo("facenet: " + card.toAbsolutePath() + " already describes another model"
                + " (model.onnx); export into a folder of its own, or move that model and its card away first"
                + System.lineSeparator());
        assertThat(shelf.resolve("other.onnx")).doesNotExist();
        assertThat(Files.readString(card)).isEqualTo(written);
    }

    @Test
    void aSeededRunOnDefaultSettingsRepeatsStepForStep() throws IOException {
        // no --config: the installation's configuration, which leaves PyTorch's threads alone
        for (String name : List.of("a", "b")) {
            CliTest.Run run = CliTest.run("train", "--runtime", "plain", "--dataset", "fashion-mnist:" + data, "--p",
                    "5", "--k", "8", "--seed", "7", "--steps", "20", "--out", dir.resolve(name).toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("; one PyTorch thread, so that --seed 7 repeats this run");
        }
        assertThat(steps(dir.resolve("b"))).hasSize(20).isEqualTo(steps(dir.resolve("a")));
        // without --seed, and where the configuration sets the threads, the setting stays the backend's
        CliTest.Run unseeded = CliTest.run("train", "--runtime", "plain", "--dataset", "fashion-mnist:" + data, "--p",
                "5", "--k", "8", "--steps", "1", "--out", dir.resolve("c").toString());
        assertThat(unseeded.exitCode()).as(unseeded.err()).isZero();
        assertThat(unseeded.err()).doesNotContain("one PyTorch thread");
        CliTest.Run configured = CliTest.run(train(dir.resolve("d"), "--steps", "1"));
        assertThat(configured.exitCode()).as(configured.err()).isZero();
        assertThat(configured.err()).doesNotContain("one PyTorch thread");
    }

    /** The step records without their timing. */
    static List<String> steps(Path run) throws IOException {
        return Files.readAllLines(run.resolve("training-log.jsonl")).stream().filter(l -> l.contains("\"type\":\"step\""))
                .map(l -> l.replaceAll(",\"ms\":\\d+", "")).toList();
    }

    /** The card of a trained model records the whole configuration of the run, as it was asked. */
    @Test
    void theCardRecordsTheWholeTrainingConfiguration() {
        Path out = dir.resolve("run");
        CliTest.Run run = CliTest.run(train(out, "--steps", "3", "--lr", "2e-3", "--schedule", "cosine:2e-3:1e-5:3",
                "--optimizer", "SGD", "--miner", "hardest", "--zero-shot", "--dimension", "16"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        ModelCard card = ModelCard.read(out);
        assertThat(card.training()).contains(new ModelCard.Training("small-cnn", "djl", "sgd", 2e-3,
                "cosine:0.002:1.0E-5:3", 5, 8, "hardest", "triplet", java.util.OptionalDouble.of(0.2), 7,
                "fashion-mnist:" + data, true, 3));
        assertThat(card.embeddingSize()).isEqualTo(16);
    }

    /** A checkpoint changed on disk is refused on --resume: one line, exit 2, nothing trained. */
    @Test
    void aDamagedCheckpointIsRefusedOnResumeInOneLine() throws IOException {
        Path run = dir.resolve("run");
        assertThat(CliTest.run(train(run, "--steps", "2")).exitCode()).isZero();
        Path checkpoint = run.resolve("checkpoint.zip");
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[bytes.length / 3] ^= 0x04;
        Files.write(checkpoint, bytes);
        List<String> before = Files.readAllLines(run.resolve("training-log.jsonl"));
        CliTest.Run resumed = CliTest.run(train(run, "--steps", "4", "--resume"));
        assertThat(resumed.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        // refused before the run starts: the one line of the failure and nothing else
        List<String> lines = resumed.err().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("facenet: Checkpoint " + checkpoint + " is damaged (checksum ")
                .endsWith("); delete it to train that run again from step 0, or train into another output directory");
        assertThat(Files.readAllLines(run.resolve("training-log.jsonl"))).isEqualTo(before);
    }

    @Test
    void exportOfADirectoryWithoutAModelCardIsOneLineAndExitTwo() {
        CliTest.Run export = CliTest.run("export", "--runtime", "plain", "--model", dir.toString(), "--out",
                dir.resolve("x/m.onnx").toString());
        assertThat(export.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(export.err()).isEqualTo("facenet: No model card at " + dir.resolve("model-card.json")
                + ": a model directory holds model-card.json" + System.lineSeparator());
    }

    /**
     * Bad options and values, each one line and exit 2 before any training: values that once
     * meant something else in silence ("0 = all") or were let through among them. OUT stands
     * for the --out directory, DATA for the data set's; the data set is DATA unless a case names one.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--steps 5 --arch nope | Unknown architecture 'nope'. Known: nn1, nn2, nn3, nn4, nns1, nns2, small-cnn, small-inception",
            "--steps 5 --miner nope | No miner 'nope'. Available: batch-all, curriculum, hardest, random, semi-hard.",
            "--steps 5 --backend nope | No backend 'nope'. Available: djl, dl4j, onnx.",
            "--steps 5 --evaluator nope | No evaluator 'nope'. Available: clustering-quality, identification,"
                    + " verification.",
            "--steps 5 --evaluator identification | Evaluator 'identification' cannot validate a training run"
                    + " (Identification needs probes to search in the gallery; none were given.); validate with an"
                    + " evaluator that verifies, such as verification",
            "--steps 5 --device tpu | Unknown device 'tpu'; use cpu, gpu or gpu:N (N = the GPU's index)",
            "--steps 5 --dataset fashion-mnist:DATA/missing | Fashion-MNIST not found at DATA/missing: install the Debian"
                    + " package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or pass --dataset"
                    + " fashion-mnist:DIR",
            "--epochs 1 --minutes 1 | Give exactly one of --epochs, --minutes or --steps (got 2)",
            "--seed 1 | Give exactly one of --epochs, --minutes or --steps",
            "--steps 5 --optimizer rmsprop | Unknown optimizer 'rmsprop'. Known: adam, adagrad, sgd",
            "--steps 5 --resume | --resume: OUT does not exist; train without --resume to start a run there",
            "--steps 5 --train-size 0 | --train-size must be ≥ 1, got 0",
            "--steps 5 --validation-size 0 | --validation-size must be ≥ 1, got 0",
            "--steps 5 --train-size -5 | --train-size must be ≥ 1, got -5",
            "--steps 5 --validate-every -1 | --validate-every must be ≥ 0, got -1",
            "--steps 5 --checkpoint-every -1 | --checkpoint-every must be ≥ 0, got -1",
            "--steps 5 --collapse-active-steps -1 | --collapse-active-steps must be ≥ 0, got -1",
            "--steps 5 --dimension 2000000000 | --dimension must be in [1, 4096] (beyond any face embedding), got"
                    + " 2000000000",
            "--steps 5 --p 100 --k 100 | --p × --k, the batch, must be ≤ 8192 (the miner's n × n distance matrix),"
                    + " got 100×100",
            "--steps 5 --k 2000000000 | --p × --k, the batch, must be ≤ 8192 (the miner's n × n distance matrix), got"
                    + " 10×2000000000"})
    void badOptionsAreOneLineAndExitTwoBeforeTraining(String options, String message) {
        Path out = dir.resolve("never");
        List<String> args = new java.util.ArrayList<>(List.of("train", "--runtime", "plain", "--out", out.toString()));
        if (!options.contains("--dataset")) {
            args.addAll(List.of("--dataset", "fashion-mnist:DATA"));
        }
        args.addAll(List.of(options.split(" ")));
        CliTest.Run run = CliTest.run(args.stream().map(a -> a.replace("DATA", data.toString())).toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("facenet: " + message.replace("OUT", out.toString()).replace("DATA",
                data.toString()) + System.lineSeparator());
        assertThat(out).doesNotExist();
    }
}
