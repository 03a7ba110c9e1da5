package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.PluginInfo;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code facenet plugins}: every registered plugin with its kind, name, bundle and version. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List every registered plugin: kind, name, bundle, version.")
public final class PluginsCommand extends PluginCommand {


    @Override
    public Integer call() {
        List<PluginInfo> plugins;
        String runtimeName;
        try (PluginRuntime runtime = runtimeOptions.start()) {
            plugins = runtime.plugins();
            runtimeName = runtime.kind().name().toLowerCase(java.util.Locale.ROOT);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("runtime", runtimeName);
            document.put("plugins", plugins.stream().map(p -> {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("kind", p.kind().label());
                row.put("name", p.name());
                row.put("bundle", p.bundle());
                row.put("version", p.version());
                row.put("implementation", p.implementation());
                return row;
            }).toList());
            out.println(Json.writePretty(document));
        } else {
            Table table = new Table("KIND", "NAME", "BUNDLE", "VERSION", "IMPLEMENTATION");
            plugins.forEach(p -> table.row(p.kind().label(), p.name(), p.bundle(), p.version(), p.implementation()));
            out.print(table.render());
            out.println(plugins.size() + " plugins (" + runtimeName + " runtime)");
        }
        out.flush();
        return 0;
    }
}
