package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.models.Architectures;
import io.github.facenet4j.models.BlockRow;
import io.github.facenet4j.models.ModelCatalog;
import io.github.facenet4j.models.PaperArchitecture;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The model table of the FaceNet paper (Tables 1 and 2) for the networks facenet4j runs:
 * parameters and multiply-adds per network, or per layer of one network; and the paper's
 * own architectures (NN1 … NNS2) beside the paper's figures, each difference explained.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List the known networks with parameters and multiply-adds, or one network layer by layer.",
                "The FaceNet paper's architectures (nn1, nn2, nn3, nn4, nns1, nns2) follow, beside the paper's"
                        + " figures; 'facenet models nn2' prints one layer by layer like the paper's Table 2."})
public final class ModelsCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "ID", description = "Show this network layer by layer.")
    String id;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PaperArchitecture paper = id == null ? null
                : Architectures.paper().stream().filter(a -> a.name().equals(id)).findFirst().orElse(null);
        if (paper != null) {
            out.print(json ? Json.writePretty(paperRows(paper)) + "\n" : paperTable(paper));
            out.flush();
            return 0;
        }
        if (id != null && ModelCatalog.entries().stream().noneMatch(e -> e.id().equals(id))) {
            List<String> known = new ArrayList<>(ModelCatalog.entries().stream().map(ModelCatalog.Entry::id).toList());
            Architectures.paper().forEach(a -> known.add(a.name()));
            throw new ConfigurationException("No model '" + id + "'. Available: " + String.join(", ", known) + ".");
        }
        Path pack = modelOptions.faceApiPack((id != null ? List.of(ModelCatalog.find(id)) : ModelCatalog.entries())
                .stream().flatMap(e -> e.files().stream()).toList());
        if (id != null) {
            Graph graph = ModelCatalog.find(id).graph().apply(pack);
            if (json) {
                List<Map<String, Object>> layers = new ArrayList<>();
                for (Graph.Layer layer : graph.layers()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("layer", layer.node().name());
                    row.put("op", layer.node().op());
                    row.put("output", layer.outputShape().toString());
                    row.put("params", layer.parameters());
                    row.put("multiply_adds", layer.multiplyAdds());
                    layers.add(row);
                }
                Map<String, Object> document = summary(id, graph);
                document.put("layers", layers);
                out.println(Json.writePretty(document));
            } else {
                out.print(graph.table());
            }
        } else {
            List<Map<String, Object>> rows = new ArrayList<>();
            Table table = new Table("MODEL", "ROLE", "INPUT", "OUTPUT", "PARAMS", "MULT-ADDS");
            for (ModelCatalog.Entry entry : ModelCatalog.entries()) {
                Graph graph = entry.graph().apply(pack);
                Map<String, Object> row = summary(entry.id(), graph);
                row.put("role", entry.role());
                rows.add(row);
                table.row(entry.id(), entry.role(), graph.input().shape(), graph.outputShape(),
                        String.format(Locale.ROOT, "%,d", graph.parameterCount()),
                        String.format(Locale.ROOT, "%.1f M", graph.multiplyAdds() / 1e6));
            }
            Table papers = new Table("PAPER ARCH", "INPUT", "PARAMS", "MULT-ADDS", "PAPER PARAMS", "PAPER FLOPS",
                    "DIFFERENCE");
            for (PaperArchitecture a : Architectures.paper()) {
                PaperArchitecture.PaperFigures figures = a.paper();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", a.name());
                row.put("role", "FaceNet paper architecture (train --arch " + a.name() + ")");
                row.put("input", a.defaultInput().toString());
                row.put("params", a.parameterCount());
                row.put("multiply_adds", a.multiplyAdds());
                row.put("paper_params", figures.parameters());
                row.put("paper_flops", figures.multiplyAdds());
                row.put("difference", figures.differences());
                rows.add(row);
                papers.row(a.name(), a.defaultInput(), millions(a.parameterCount()), millions(a.multiplyAdds()),
                        figures.parameters() == null ? "—" : millions(figures.parameters()),
                        figures.multiplyAdds() == null ? "—" : millions(figures.multiplyAdds()), figures.differences());
            }
            out.print(json ? Json.writePretty(rows) + "\n" : table.render() + System.lineSeparator()
                    + "The FaceNet paper's architectures (Schroff et al. 2015, Tables 1 and 2; 'facenet models NAME'"
                    + " for one layer by layer, 'facenet train --arch NAME' to train one):" + System.lineSeparator()
                    + papers.render());
        }
        out.flush();
        return 0;
    }

    private static String millions(long value) {
        return String.format(Locale.ROOT, "%.1f M", value / 1e6);
    }

    /** One network in the layout of the paper's Table 2. */
    private static String paperTable(PaperArchitecture a) {
        Table table = new Table("TYPE", "OUTPUT SIZE", "DEPTH", "#1×1", "#3×3 REDUCE", "#3×3", "#5×5 REDUCE", "#5×5",
                "POOL PROJ (P)", "PARAMS", "FLOPS");
        for (BlockRow r : a.rows()) {
            BlockRow.Spec s = r.spec();
            table.row(s.type(), r.output().height() + "×" + r.output().width() + "×" + r.output().channels(),
                    s.depth(), s.oneByOne(), s.reduce3(), s.conv3(), s.reduce5(), s.conv5(), s.poolProj(),
                    count(r.parameters()), count(r.multiplyAdds()));
        }
        table.row("total", "", "", "", "", "", "", "", "", count(a.parameterCount()), count(a.multiplyAdds()));
        PaperArchitecture.PaperFigures paper = a.paper();
        return a.description() + System.lineSeparator() + table.render() + "Paper: "
                + (paper.parameters() == null ? "—" : count(paper.parameters())) + " parameters, "
                + (paper.multiplyAdds() == null ? "—" : count(paper.multiplyAdds())) + " FLOPS. "
                + paper.differences() + System.lineSeparator();
    }

    /** A count as the paper writes it: 9K, 115M, 1.6B. */
    private static String count(long value) {
        if (value >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1fB", value / 1e9);
        } else if (value >= 1_000_000L) {
            return String.format(Locale.ROOT, value >= 10_000_000L ? "%.0fM" : "%.1fM", value / 1e6);
        } else if (value >= 1_000L) {
            return String.format(Locale.ROOT, "%.0fK", value / 1e3);
        }
        return Long.toString(value);
    }

    private static List<Map<String, Object>> paperRows(PaperArchitecture a) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BlockRow r : a.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            BlockRow.Spec s = r.spec();
            row.put("type", s.type());
            row.put("output", r.output().toString());
            row.put("depth", s.depth());
            row.put("1x1", s.oneByOne());
            row.put("3x3_reduce", s.reduce3());
            row.put("3x3", s.conv3());
            row.put("5x5_reduce", s.reduce5());
            row.put("5x5", s.conv5());
            row.put("pool_proj", s.poolProj());
            row.put("params", r.parameters());
            row.put("multiply_adds", r.multiplyAdds());
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> summary(String id, Graph graph) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", id);
        row.put("input", graph.input().shape().toString());
        row.put("output", graph.outputShape().toString());
        row.put("params", graph.parameterCount());
        row.put("multiply_adds", graph.multiplyAdds());
        return row;
    }
}
