package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.FaceNetException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code facenet} command line. Every failure a user can cause ends with one line on
 * stderr saying what was wrong and what to do, and a non-zero exit status; {@code --verbose}
 * adds the stack trace.
 */
@Command(name = "facenet", mixinStandardHelpOptions = true, version = "facenet4j 0.1.0",
        description = "FaceNet-style face embeddings for the JVM: plugins, mining, evaluation.",
        subcommands = {DemoCommand.class, EmbedCommand.class, VerifyCommand.class, PluginsCommand.class,
                ModelsCommand.class, BenchCommand.class, EvaluateCommand.class, TrainCommand.class,
                ExportCommand.class, ServeCommand.class, ClusterCommand.class, EnrollCommand.class,
                IdentifyCommand.class, GalleryCommand.class, AdaptCommand.class})
public final class FaceNetCli extends ParentCommand {

    /** Exit status for a user error (bad input, configuration, unknown plugin). */
    public static final int USER_ERROR = 2;
    /** Exit status for a failure that is not the user's (a bug, a crashed engine). */
    public static final int INTERNAL_ERROR = 3;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean verbose;

    /** A configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new FaceNetCli());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            PrintWriter err = line.getErr();
            boolean verboseRequested = parseResult.originalArgs().contains("--verbose");
            if (exception instanceof FaceNetException) {
                err.println("facenet: " + exception.getMessage());
            } else {
                err.println("facenet: internal error: " + exception
                        + (verboseRequested ? "" : " (run again with --verbose for the stack trace)"));
            }
            if (verboseRequested) {
                exception.printStackTrace(err);
            }
            err.flush();
            return exception instanceof FaceNetException ? USER_ERROR : INTERNAL_ERROR;
        });
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine failed = exception.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("facenet: " + exception.getMessage() + " (see '"
                    + failed.getCommandSpec().qualifiedName(" ") + " --help')");
            err.flush();
            return USER_ERROR;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        int status = commandLine().execute(args);
        drainStandardStreams();
        System.exit(status);
    }

    /**
     * Flushes and closes standard output and error, then waits (at most 2 s) for this JVM's
     * child processes to end. The launcher execs java with stderr going through a filter
     * process, which thereby becomes java's child and copies what java wrote on its own time:
     * a caller that reads a file holding stderr as soon as facenet exits would otherwise miss
     * the last lines. Closing stderr ends the filter's input; waiting for it means its last
     * line is written before this process exits. Called last: nothing is printed afterwards.
     */
    static void drainStandardStreams() {
        System.out.flush();
        System.out.close();
        System.err.flush();
        System.err.close();
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                child.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
