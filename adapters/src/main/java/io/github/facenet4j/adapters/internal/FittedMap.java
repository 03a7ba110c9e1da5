package io.github.facenet4j.adapters.internal;

import io.github.facenet4j.api.AdapterTraining;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.api.SpaceMap;
import io.github.facenet4j.api.math.Vectors;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link ResidualMlp} fitted from one space into another, as the built-in adapters hand it
 * out. Its weights file {@value #WEIGHTS_FILE}: the magic {@code FNAD}, a format version, the
 * input, output and hidden sizes (big-endian ints), then the parameters (big-endian floats).
 */
final class FittedMap implements SpaceMap {

    static final String WEIGHTS_FILE = "weights.bin";
    private static final int MAGIC = 0x464E4144; // "FNAD"
    private static final int FORMAT = 1;

    private final String adapter;
    private final EmbeddingSpace source;
    private final EmbeddingSpace target;
    private final ResidualMlp mlp;
    private final String summary;

    FittedMap(String adapter, EmbeddingSpace source, EmbeddingSpace target, ResidualMlp mlp, String summary) {
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.mlp = Objects.requireNonNull(mlp, "mlp");
        this.summary = Objects.requireNonNull(summary, "summary");
        if (mlp.inputs != source.dimension() || mlp.outputs != target.dimension()) {
            throw new IllegalArgumentException("a " + mlp.inputs + " → " + mlp.outputs + " map for "
                    + source.describe() + " → " + target.describe());
        }
    }

    /** The closed form, then {@code hidden} units trained as {@code settings} say: both built-in adapters. */
    static FittedMap fit(String plugin, ClosedForm closedForm, int hidden, FitSettings settings,
                         AdapterTraining data) {
        double[][] theta = closedForm.fit(plugin, data);
        ResidualMlp mlp = ResidualMlp.startingAt(theta, data.source().dimension(), hidden, data.seed());
        double start = CosineFit.meanCosine(mlp, data.inputs(), data.outputs());
        CosineFit.train(mlp, data, settings, data.seed() + 1);
        double end = settings.epochs() == 0 ? start : CosineFit.meanCosine(mlp, data.inputs(), data.outputs());
        return new FittedMap(plugin, data.source(), data.target(), mlp,
                FittedMap.summary(data.size(), hidden, start, end));
    }

    /** The summary line of a fit: the mean cosine to the targets before any descent and after. */
    static String summary(int pairs, int hidden, double start, double end) {
        return String.format(Locale.ROOT, "%d pairs, %d hidden units; mean cos(mapped, target) %.4f after the closed"
                + " form, %.4f at the end", pairs, hidden, start, end);
    }

    ResidualMlp mlp() {
        return mlp;
    }

    @Override
    public String adapter() {
        return adapter;
    }

    @Override
    public EmbeddingSpace source() {
        return source;
    }

    @Override
    public EmbeddingSpace target() {
        return target;
    }

    @Override
    public float[] map(float[] embedding) {
        if (embedding.length != source.dimension()) {
            throw new BadInputException("adapter " + adapter + " maps " + source.describe() + " embeddings, got one of "
                    + embedding.length + " components");
        }
        ResidualMlp.Pass pass = new ResidualMlp.Pass(mlp.hidden, mlp.outputs);
        mlp.forward(embedding, pass);
        double norm = Math.sqrt(Vectors.dot(pass.z, pass.z));
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new BadInputException("adapter " + adapter + " maps an embedding of " + source.describe()
                    + " to a zero or non-finite vector; refit the adapter");
        }
        float[] out = new float[mlp.outputs];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (pass.z[i] / norm);
        }
        return out;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public void writeWeights(Path directory) {
        Path file = directory.resolve(WEIGHTS_FILE);
        try (OutputStream stream = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(mlp.inputs);
            out.writeInt(mlp.outputs);
            out.writeInt(mlp.hidden);
            for (float p : mlp.parameters) {
                out.writeFloat(p);
            }
        } catch (IOException e) {
            throw new BadInputException("Cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Reads what {@link #writeWeights} wrote for a map between {@code source} and {@code target}. */
    static FittedMap read(String adapter, EmbeddingSpace source, EmbeddingSpace target, Path directory) {
        Path file = directory.resolve(WEIGHTS_FILE);
        try (InputStream stream = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(stream))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw new BadInputException(file + " is not an adapter weights file (format " + FORMAT + ");"
                        + " refit it with 'facenet adapt'");
            }
            int inputs = in.readInt();
            int outputs = in.readInt();
            int hidden = in.readInt();
            if (inputs != source.dimension() || outputs != target.dimension() || hidden < 0 || hidden > 1 << 16) {
                throw new BadInputException(file + " holds a " + inputs + " → " + outputs + " map, but its card says "
                        + source.describe() + " → " + target.describe() + "; refit it with 'facenet adapt'");
            }
            float[] parameters = new float[ResidualMlp.count(inputs, outputs, hidden)];
            for (int p = 0; p < parameters.length; p++) {
                parameters[p] = in.readFloat();
                if (!Float.isFinite(parameters[p])) {
                    throw new BadInputException(file + " holds a non-finite weight; refit it with 'facenet adapt'");
                }
            }
            if (in.read() >= 0) {
                throw new BadInputException(file + " is longer than its sizes say; refit it with 'facenet adapt'");
            }
            return new FittedMap(adapter, source, target, new ResidualMlp(inputs, outputs, hidden, parameters),
                    "read from " + file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("No adapter weights at " + file + "; an adapter directory holds "
                    + WEIGHTS_FILE + " beside its card");
        } catch (EOFException e) {
            throw new BadInputException(file + " ends early: it is truncated; refit it with 'facenet adapt'");
        } catch (IOException e) {
            throw new BadInputException("Cannot read " + file + ": " + e.getMessage());
        }
    }
}
