package io.github.facenet4j.models.internal;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs a {@link Graph} in plain Java on NCHW {@code float[]} batches. It is the reference
 * every backend is compared against, so it is written to be obviously right first:
 * each op is a direct loop, except convolution, which unrolls input patches into a matrix
 * (im2col) and multiplies it by the weights in cache-sized column blocks. Every output
 * value is summed by one thread in a fixed order, so results do not depend on the number
 * of threads. Thread-safe: all state of a run is local to it.
 */
public final class ReferenceExecutor {

    /** Columns of the patch matrix multiplied at a time (fits the patch block in L2). */
    private static final int COLUMN_BLOCK = 256;

    private final Graph graph;
    private final Map<String, float[]> weights = new HashMap<>();
    private final Map<String, Integer> consumers;

    public ReferenceExecutor(Graph graph) {
        this.graph = graph;
        graph.weights().forEach((name, tensor) -> weights.put(name, tensor.values()));
        this.consumers = graph.consumerCounts();
    }

    /** The graph this executor runs. */
    public Graph graph() {
        return graph;
    }

    /** Runs the graph on one sample. */
    public float[] run(float[] input) {
        return run(input, 1);
    }

    /**
     * Runs the graph on {@code batch} samples.
     *
     * @param input NCHW values, batch × the input shape
     * @return the output node's values, batch × the output shape, NCHW
     */
    public float[] run(float[] input, int batch) {
        return run(input, batch, graph.output());
    }

    /**
     * Runs the graph on {@code batch} samples up to the named node and returns its values
     * (for comparing an intermediate layer, such as an unnormalised descriptor).
     */
    public float[] run(float[] input, int batch, String target) {
        graph.layer(target); // fails with the graph's message for an unknown name
        TensorShape inShape = graph.input().shape();
        if (batch < 1 || input.length != (long) batch * inShape.size()) {
            throw new BadInputException("Input of " + input.length + " values does not hold " + batch
                    + " samples of " + inShape);
        }
        Map<String, float[]> values = new HashMap<>();
        Map<String, Integer> pending = new HashMap<>(consumers);
        for (Node node : graph.nodes()) {
            Graph.Layer layer = graph.layer(node.name());
            List<String> sources = node.inputs();
            float[][] in = new float[sources.size()][];
            for (int i = 0; i < in.length; i++) {
                in[i] = values.get(sources.get(i));
            }
            values.put(node.name(), node instanceof Node.Input ? input.clone() : compute(node, layer, in, batch));
            if (node.name().equals(target)) {
                return values.get(target);
            }
            for (String source : sources) {
                if (pending.merge(source, -1, Integer::sum) == 0) {
                    values.remove(source); // no later node reads it: let it go
                }
            }
        }
        throw new IllegalStateException("Node '" + target + "' was never computed");
    }

    private float[] compute(Node node, Graph.Layer layer, float[][] in, int batch) {
        TensorShape out = layer.outputShape();
        TensorShape x = layer.inputShapes().get(0);
        if (node instanceof Node.Conv2d c) {
            return conv(c, x, out, in[0], batch);
        } else if (node instanceof Node.Dense d) {
            return dense(d, x, in[0], batch);
        } else if (node instanceof Node.Relu) {
            float[] y = new float[in[0].length];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.max(in[0][i], 0f);
            }
            return y;
        } else if (node instanceof Node.LeakyRelu l) {
            float[] y = new float[in[0].length];
            for (int i = 0; i < y.length; i++) {
                float v = in[0][i];
                y[i] = v >= 0 ? v : l.alpha() * v;
            }
            return y;
        } else if (node instanceof Node.Clip c) {
            float[] y = new float[in[0].length];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.min(Math.max(in[0][i], c.min()), c.max());
            }
            return y;
        } else if (node instanceof Node.MaxPool p) {
            return pool(x, out, in[0], batch, p.kernel(), p.stride(), p.padding(), Pooling.MAX);
        } else if (node instanceof Node.AvgPool p) {
            return pool(x, out, in[0], batch, p.kernel(), p.stride(), p.padding(), Pooling.MEAN);
        } else if (node instanceof Node.L2Pool p) {
            return pool(x, out, in[0], batch, p.kernel(), p.stride(), p.padding(), Pooling.L2);
        } else if (node instanceof Node.Lrn l) {
            return lrn(l, x, in[0], batch);
        } else if (node instanceof Node.Maxout m) {
            float[] y = new float[batch * out.size()];
            int plane = x.plane();
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < out.channels(); c++) {
                    for (int i = 0; i < plane; i++) {
                        float best = Float.NEGATIVE_INFINITY;
                        for (int piece = 0; piece < m.pieces(); piece++) {
                            best = Math.max(best, in[0][(n * x.channels() + c * m.pieces() + piece) * plane + i]);
                        }
                        y[(n * out.channels() + c) * plane + i] = best;
                    }
                }
            }
            return y;
        } else if (node instanceof Node.Add) {
            float[] y = new float[in[0].length];
            for (int i = 0; i < y.length; i++) {
                y[i] = in[0][i] + in[1][i];
            }
            return y;
        } else if (node instanceof Node.Concat) {
            return concat(layer, in, batch);
        } else if (node instanceof Node.ZeroPad z) {
            return zeroPad(z, x, out, in[0], batch);
        } else if (node instanceof Node.GlobalAvgPool) {
            float[] y = new float[batch * x.channels()];
            int plane = x.plane();
            for (int c = 0; c < y.length; c++) {
                double sum = 0;
                for (int i = 0; i < plane; i++) {
                    sum += in[0][c * plane + i];
                }
                y[c] = (float) (sum / plane);
            }
            return y;
        } else if (node instanceof Node.L2Normalize l) {
            float[] y = new float[in[0].length];
            int size = x.size();
            for (int n = 0; n < batch; n++) {
                double sum = 0;
                for (int i = 0; i < size; i++) {
                    double v = in[0][n * size + i];
                    sum += v * v;
                }
                double norm = Math.max(Math.sqrt(sum), l.epsilon());
                for (int i = 0; i < size; i++) {
                    y[n * size + i] = (float) (in[0][n * size + i] / norm);
                }
            }
            return y;
        } else if (node instanceof Node.Scale s) {
            float[] w = weights.get(s.weight());
            float[] b = s.bias() == null ? null : weights.get(s.bias());
            float[] y = new float[in[0].length];
            int plane = x.plane();
            for (int i = 0; i < y.length; i++) {
                int c = (i / plane) % x.channels();
                y[i] = in[0][i] * w[c] + (b == null ? 0f : b[c]);
            }
            return y;
        }
        throw new IllegalStateException("No reference kernel for " + node.op());
    }

    private float[] conv(Node.Conv2d c, TensorShape x, TensorShape out, float[] in, int batch) {
        int groups = c.groups();
        int cinG = x.channels() / groups;
        int coutG = c.outChannels() / groups;
        int k = c.kernel();
        int rows = cinG * k * k;
        int cols = out.plane();
        float[] w = weights.get(c.weight());
        float[] bias = c.bias() == null ? null : weights.get(c.bias());
        float[] y = new float[batch * out.size()];
        float[] patches = new float[rows * cols];
        for (int n = 0; n < batch; n++) {
            for (int g = 0; g < groups; g++) {
                im2col(in, (n * x.channels() + g * cinG) * x.plane(), cinG, x, c, out, patches);
                int outBase = (n * c.outChannels() + g * coutG) * cols;
                int wBase = g * coutG * rows;
                int biasBase = g * coutG;
                // Output channels are independent: threads take four at a time, so that each
                // patch value loaded serves four sums. Every sum still runs bias, then rows in order.
                IntStream.range(0, (coutG + 3) / 4).parallel().forEach(quad -> multiplyFour(w, bias, patches, y,
                        quad * 4, Math.min(4, coutG - quad * 4), wBase, biasBase, outBase, rows, cols));
            }
        }
        return y;
    }

    /**
     * Up to four output channels (from {@code first}) of one convolution group: weight rows
     * times the patch matrix, in column blocks that stay in cache, one accumulator per channel.
     */
    private static void multiplyFour(float[] w, float[] bias, float[] patches, float[] y, int first, int count,
            int wBase, int biasBase, int outBase, int rows, int cols) {
        float[][] acc = new float[4][COLUMN_BLOCK];
        float[] a0 = acc[0];
        float[] a1 = acc[1];
        float[] a2 = acc[2];
        float[] a3 = acc[3];
        // Missing channels of a last, partial quad reuse the first one's weights; their sums are dropped.
        int[] wRow = new int[4];
        for (int j = 0; j < 4; j++) {
            wRow[j] = wBase + (first + (j < count ? j : 0)) * rows;
        }
        for (int p0 = 0; p0 < cols; p0 += COLUMN_BLOCK) {
            int len = Math.min(COLUMN_BLOCK, cols - p0);
            for (int j = 0; j < 4; j++) {
                Arrays.fill(acc[j], 0, len, bias == null || j >= count ? 0f : bias[biasBase + first + j]);
            }
            for (int r = 0; r < rows; r++) {
                float w0 = w[wRow[0] + r];
                float w1 = w[wRow[1] + r];
                float w2 = w[wRow[2] + r];
                float w3 = w[wRow[3] + r];
                int pr = r * cols + p0;
                for (int p = 0; p < len; p++) {
                    float v = patches[pr + p];
                    a0[p] += w0 * v;
                    a1[p] += w1 * v;
                    a2[p] += w2 * v;
                    a3[p] += w3 * v;
                }
            }
            for (int j = 0; j < count; j++) {
                System.arraycopy(acc[j], 0, y, outBase + (first + j) * cols + p0, len);
            }
        }
    }

    /** Row (ci, ky, kx) of the patch matrix holds that input value under every output position. */
    private static void im2col(float[] in, int base, int cin, TensorShape x, Node.Conv2d c, TensorShape out,
            float[] patches) {
        int k = c.kernel();
        int s = c.stride();
        Padding pad = c.padding();
        int h = x.height();
        int w = x.width();
        int cols = out.plane();
        int r = 0;
        for (int ci = 0; ci < cin; ci++) {
            int plane = base + ci * x.plane();
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++, r++) {
                    int dst = r * cols;
                    for (int oy = 0; oy < out.height(); oy++) {
                        int iy = oy * s + ky - pad.top();
                        boolean rowInside = iy >= 0 && iy < h;
                        for (int ox = 0; ox < out.width(); ox++) {
                            int ix = ox * s + kx - pad.left();
                            patches[dst++] = rowInside && ix >= 0 && ix < w ? in[plane + iy * w + ix] : 0f;
                        }
                    }
                }
            }
        }
    }

    private float[] dense(Node.Dense d, TensorShape x, float[] in, int batch) {
        int size = x.size();
        int outs = d.outFeatures();
        float[] w = weights.get(d.weight());
        float[] b = d.bias() == null ? null : weights.get(d.bias());
        float[] y = new float[batch * outs];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < outs; o++) {
                float sum = b == null ? 0f : b[o];
                int wRow = o * size;
                for (int i = 0; i < size; i++) {
                    sum += w[wRow + i] * in[n * size + i];
                }
                y[n * outs + o] = sum;
            }
        }
        return y;
    }

    /** What a window gives: its maximum, the mean of its cells inside the sample, or √(Σ x²) (padding adds nothing). */
    private enum Pooling { MAX, MEAN, L2 }

    private static float[] pool(TensorShape x, TensorShape out, float[] in, int batch, int k, int s, Padding pad,
            Pooling pooling) {
        float[] y = new float[batch * out.size()];
        int planes = batch * x.channels();
        for (int pl = 0; pl < planes; pl++) {
            int src = pl * x.plane();
            int dst = pl * out.plane();
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    float best = Float.NEGATIVE_INFINITY;
                    float sum = 0f;
                    double squares = 0;
                    int count = 0;
                    for (int ky = 0; ky < k; ky++) {
                        int iy = oy * s + ky - pad.top();
                        if (iy < 0 || iy >= x.height()) {
                            continue;
                        }
                        for (int kx = 0; kx < k; kx++) {
                            int ix = ox * s + kx - pad.left();
                            if (ix < 0 || ix >= x.width()) {
                                continue;
                            }
                            float v = in[src + iy * x.width() + ix];
                            best = Math.max(best, v);
                            sum += v;
                            squares += (double) v * v;
                            count++;
                        }
                    }
                    y[dst + oy * out.width() + ox] = switch (pooling) {
                        case MAX -> best;
                        case MEAN -> count == 0 ? 0f : sum / count;
                        case L2 -> (float) Math.sqrt(squares);
                    };
                }
            }
        }
        return y;
    }

    /** x_c / (bias + alpha / size · Σ x_j²)^beta over the channels j within size / 2 of c. */
    private static float[] lrn(Node.Lrn l, TensorShape x, float[] in, int batch) {
        float[] y = new float[in.length];
        int half = l.size() / 2;
        int plane = x.plane();
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < x.channels(); c++) {
                for (int i = 0; i < plane; i++) {
                    double sum = 0;
                    for (int j = Math.max(0, c - half); j <= Math.min(x.channels() - 1, c + half); j++) {
                        double v = in[(n * x.channels() + j) * plane + i];
                        sum += v * v;
                    }
                    int at = (n * x.channels() + c) * plane + i;
                    y[at] = (float) (in[at] / Math.pow(l.bias() + l.alpha() / l.size() * sum, l.beta()));
                }
            }
        }
        return y;
    }

    private static float[] concat(Graph.Layer layer, float[][] in, int batch) {
        TensorShape out = layer.outputShape();
        float[] y = new float[batch * out.size()];
        for (int n = 0; n < batch; n++) {
            int dst = n * out.size();
            for (int i = 0; i < in.length; i++) {
                int size = layer.inputShapes().get(i).size();
                System.arraycopy(in[i], n * size, y, dst, size);
                dst += size;
            }
        }
        return y;
    }

    private static float[] zeroPad(Node.ZeroPad z, TensorShape x, TensorShape out, float[] in, int batch) {
        float[] y = new float[batch * out.size()];
        Padding p = z.spatial();
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < x.channels(); c++) {
                int src = (n * x.channels() + c) * x.plane();
                int dst = (n * out.channels() + c + z.channelsBefore()) * out.plane();
                for (int iy = 0; iy < x.height(); iy++) {
                    System.arraycopy(in, src + iy * x.width(), y, dst + (iy + p.top()) * out.width() + p.left(),
                            x.width());
                }
            }
        }
        return y;
    }
}
