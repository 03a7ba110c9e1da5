package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.models.ModelCatalog;
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
 * parameters and multiply-adds per network, or per layer of one network.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the known networks with parameters and multiply-adds, or one network layer by layer.")
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
            out.print(json ? Json.writePretty(rows) + "\n" : table.render());
        }
        out.flush();
        return 0;
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
