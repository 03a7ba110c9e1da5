package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code facenet evaluate} on the plain runtime: JSON keys, report, one-line errors. */
class EvaluateCommandTest {

    /**
     * Unit vectors whose squared distances are exact: Ann (1,0,0,0) and (½,½,½,½), Bob (0,−1,0,0)
     * and (−½,−½,−½,½), Cy (0,0,0,−1). Same pairs 1, 1; different pairs 2 or 3.
     */
    private static final String EMBEDDINGS = """
            id,label,e0,e1,e2,e3
            Ann_0001,Ann,1,0,0,0
            Ann_0002,Ann,0.5,0.5,0.5,0.5
            Bob_0001,Bob,0,-1,0,0
            Bob_0002,Bob,-0.5,-0.5,-0.5,0.5
            Cy_0001,Cy,0,0,0,-1
            """;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Map<String, Object> json(Run run) {
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        return Json.parseObject(run.out());
    }

    @Test
    void verificationPrintsTheIssuesJsonKeys() throws IOException {
        Path e = file("e.csv", EMBEDDINGS);
        Map<String, Object> out = json(CliTest.run("evaluate", "verification", "--runtime", "plain", "--embeddings",
                e.toString(), "--folds", "2", "--far", "0.2", "--json"));
        assertThat(out.keySet()).contains("far_target", "threshold", "val", "far", "auc", "eer", "accuracy_mean",
                "accuracy_std", "fold_thresholds", "pairs_same", "pairs_diff");
        assertThat(out.get("pairs_same")).isEqualTo(2L);
        assertThat(out.get("pairs_diff")).isEqualTo(8L);
        // Different distances 2, 3, 2 (Ann_0001 to Bob, Cy), 3, 3, 3 (Ann_0002), 2, 3 (Bob to Cy): 1 is below
        // all, so VAL 1 at FAR 0.
        assertThat(out.get("val")).isEqualTo(1.0);
        assertThat(out.get("threshold")).isEqualTo(1.0);
        assertThat(out.get("auc")).isEqualTo(1.0);
    }

    @Test
    void verificationReadsLfwPairsAndWritesAReport() throws IOException {
        Path e = file("e.csv", EMBEDDINGS);
        Path pairs = file("pairs.txt", "2 1\nAnn 1 2\nAnn 1 Bob 1\nBob 1 2\nBob 2 Cy 1\n");
        Path report = dir.resolve("out/report.html");
        Run run = CliTest.run("evaluate", "verification", "--runtime", "plain", "--embeddings", e.toString(),
                "--pairs", pairs.toString(), "--metric", "cosine", "--report", report.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("pairs_same", "fold_thresholds");
        assertThat(run.err()).isEqualTo("facenet: wrote " + report + System.lineSeparator());
        assertThat(Files.readString(report)).contains("<h2>ROC</h2>", "<svg xmlns=\"http://www.w3.org/2000/svg\"",
                "VAL at FAR");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        Path ragged = file("r.csv", "id,label,e0,e1\na,A,0,1\nb,A,1\n");
        Run run = CliTest.run("evaluate", "verification", "--runtime", "plain", "--embeddings", ragged.toString());
        assertThat(run.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.err()).isEqualTo("facenet: r.csv line 3: 3 fields, but the header has 4 (id, label and 2"
                + " components)." + System.lineSeparator());
        Path strangers = file("s.csv", "id,label,e0\na,A,1\nb,B,-1\n");
        Run none = CliTest.run("evaluate", "verification", "--runtime", "plain", "--embeddings", strangers.toString());
        assertThat(none.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(none.err().lines()).hasSize(1).first().asString().startsWith("facenet: No same-identity pairs");
    }

    @Test
    void identificationAndClusteringPrintTheirFigures() throws IOException {
        // each probe is nearest its own identity (squared distance 0.4 against 0.8); Cy has none
        Path gallery = file("g.csv", "id,label,e0,e1\nAnn_0001,Ann,1,0\nBob_0001,Bob,0,1\n");
        Path probes = file("p.csv", "id,label,e0,e1\nAnn_0002,Ann,0.8,0.6\nBob_0002,Bob,0.6,0.8\nCy_0001,Cy,-1,0\n");
        Map<String, Object> ident = json(CliTest.run("evaluate", "identification", "--runtime", "plain", "--gallery",
                gallery.toString(), "--probes", probes.toString(), "--json"));
        assertThat(ident.get("rank1")).isEqualTo(1.0);
        assertThat(ident.get("probes_non_mated")).isEqualTo(1L);

        Path e = file("e.csv", EMBEDDINGS);
        Path clusters = file("c.csv", "id,cluster\nAnn_0001,1\nAnn_0002,1\nBob_0001,2\nBob_0002,2\nCy_0001,2\n");
        Map<String, Object> quality = json(CliTest.run("evaluate", "clustering", "--runtime", "plain", "--embeddings",
                e.toString(), "--clusters", clusters.toString(), "--json"));
        assertThat(quality.get("pairwise_recall")).isEqualTo(1.0);
        assertThat(quality.get("clusters")).isEqualTo(2L);
        assertThat(quality.get("identities")).isEqualTo(3L);
    }

    /** Ann, Ann in cluster 1; Bob, Bob, Cy in cluster 2 (of {@link #EMBEDDINGS}). */
    private static final String CLUSTERS = "id,cluster\nAnn_0001,1\nAnn_0002,1\nBob_0001,2\nBob_0002,2\nCy_0001,2\n";

    @Test
    void anyEvaluatorRunsByNameWithTheSameFiguresAsItsSubcommand() throws IOException {
        Path e = file("e.csv", EMBEDDINGS);
        Path c = file("c.csv", CLUSTERS);
        Map<String, Object> byName = json(CliTest.run("evaluate", "clustering-quality", "--runtime", "plain",
                "--embeddings", e.toString(), "--clusters", c.toString(), "--json"));
        Map<String, Object> bySubcommand = json(CliTest.run("evaluate", "clustering", "--runtime", "plain",
                "--embeddings", e.toString(), "--clusters", c.toString(), "--json"));
        assertThat(byName).isEqualTo(bySubcommand);
        // pairs together: C(2,2) + C(3,2) = 4, of them same identity: Ann's and Bob's, 2 → precision 0.5;
        // same-identity pairs 2, both together → recall 1
        assertThat(byName.get("pairwise_precision")).isEqualTo(0.5);
        assertThat(byName.get("pairwise_recall")).isEqualTo(1.0);
        assertThat(byName.get("clusters")).isEqualTo(2L);

        Run table = CliTest.run("evaluate", "clustering-quality", "--runtime", "plain", "--embeddings", e.toString(),
                "--clusters", c.toString());
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("(?m)^METRIC\\s+VALUE$").containsPattern("(?m)^pairwise_precision\\s+0.500000$")
                .containsPattern("(?m)^identities\\s+3$");
    }

    @Test
    void identificationByNameTakesItsGalleryAsEmbeddings() throws IOException {
        Path gallery = file("g.csv", "id,label,e0,e1\nAnn_0001,Ann,1,0\nBob_0001,Bob,0,1\n");
        Path probes = file("p.csv", "id,label,e0,e1\nAnn_0002,Ann,0.8,0.6\nBob_0002,Bob,-0.6,0.8\n");
        Map<String, Object> asEmbeddings = json(CliTest.run("evaluate", "identification", "--runtime", "plain",
                "--embeddings", gallery.toString(), "--probes", probes.toString(), "--json"));
        Map<String, Object> asGallery = json(CliTest.run("evaluate", "identification", "--runtime", "plain",
                "--gallery", gallery.toString(), "--probes", probes.toString(), "--json"));
        assertThat(asEmbeddings).isEqualTo(asGallery);
        // Ann's probe is nearest Ann (0.4 against 0.8); Bob's (−0.6, 0.8) nearest Bob (0.4 against 2.56 + 0.64)
        assertThat(asEmbeddings.get("rank1")).isEqualTo(1.0);
    }

    @Test
    void anUnknownEvaluatorIsOneLineListingTheInstalledOnesBeforeAnyFileIsRead() {
        Run run = CliTest.run("evaluate", "decidabilty", "--runtime", "plain", "--embeddings",
                dir.resolve("absent.csv").toString());
        assertThat(run.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("facenet: No evaluator 'decidabilty'. Available: clustering-quality,"
                + " identification, verification." + System.lineSeparator());
    }

    @Test
    void aNameWithoutEmbeddingsIsAUsageError() {
        Run run = CliTest.run("evaluate", "clustering-quality", "--runtime", "plain");
        assertThat(run.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.err()).isEqualTo("facenet: Missing required option: '--embeddings=E.csv' (see 'facenet"
                + " evaluate --help')" + System.lineSeparator());
    }

    @Test
    void anyEvaluatorsFiguresBecomeAReportPage() throws IOException {
        Path e = file("e.csv", EMBEDDINGS);
        Path c = file("c.csv", CLUSTERS);
        Path report = dir.resolve("quality.html");
        Run run = CliTest.run("evaluate", "clustering-quality", "--runtime", "plain", "--embeddings", e.toString(),
                "--clusters", c.toString(), "--json", "--report", report.toString());
        assertThat(Json.parseObject(run.out())).containsEntry("pairwise_precision", 0.5);
        assertThat(run.err()).isEqualTo("facenet: wrote " + report + System.lineSeparator());
        assertThat(Files.readString(report)).contains("<h1>Evaluation: clustering-quality</h1>", "on e.csv, c.csv.",
                "<tr><th>pairwise_precision</th><td>0.500000</td></tr>", "<tr><th>clusters</th><td>2</td></tr>")
                .doesNotContain("<h2>ROC</h2>");
    }
}
