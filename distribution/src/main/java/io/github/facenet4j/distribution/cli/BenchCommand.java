package io.github.facenet4j.distribution.cli;

import picocli.CommandLine.Command;

/** {@code facenet bench}: throughput measurements that print a table (or JSON). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: 'bench mining' times a triplet miner on a realistic batch, 'bench embed' the embedding network, 'bench serve' the HTTP service under load, 'bench cluster' the clusterers, 'bench search' gallery search, 'bench detect' the face detectors, 'bench harmonic' how comparable two model versions' embeddings are.",
        subcommands = {MiningBenchCommand.class, EmbedBenchCommand.class, ServeBenchCommand.class, ClusterBenchCommand.class,
                SearchBenchCommand.class, DetectBenchCommand.class, HarmonicBenchCommand.class})
public final class BenchCommand extends ParentCommand {
}
