package io.github.facenet4j.distribution.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code facenet}, {@code bench}, {@code evaluate}):
 * run without one it does nothing, which is a user error, not a success. It prints its usage
 * and one line naming the subcommands to stderr and exits {@link FaceNetCli#USER_ERROR}.
 */
abstract class ParentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return missing(spec, "a subcommand");
    }

    /**
     * Prints the usage of {@code spec}'s command and the line "'facenet X' needs {@code what}:
     * its subcommands" to stderr; answers {@link FaceNetCli#USER_ERROR}.
     */
    static int missing(CommandSpec spec, String what) {
        CommandLine line = spec.commandLine();
        PrintWriter err = line.getErr();
        line.usage(err);
        err.println("facenet: '" + spec.qualifiedName(" ") + "' needs " + what + ": "
                + String.join(", ", line.getSubcommands().keySet()) + " (see '" + spec.qualifiedName(" ")
                + " SUBCOMMAND --help')");
        err.flush();
        return FaceNetCli.USER_ERROR;
    }
}
