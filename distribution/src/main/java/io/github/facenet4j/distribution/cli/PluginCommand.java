package io.github.facenet4j.distribution.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A command that works on plugins: it takes the runtime options and can print JSON. */
abstract class PluginCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions runtimeOptions;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;
}
