package io.github.facenet4j.models;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads TensorFlow.js weights: a manifest ({@code weights_manifest.json}, or a model's
 * {@code NAME-weights_manifest.json}) listing groups of weights, each group stored in order
 * across its {@code .bin} shards (concatenated, little-endian). Supported:
 * {@code float32} and {@code int32} values, and {@code float32} weights quantised to
 * {@code uint8} or {@code uint16}, restored as {@code q·scale + min} (computed in double
 * and rounded to float, as tfjs' {@code decodeWeights} does). Shapes are kept as stored
 * (tfjs convolution filters are {@code [kh, kw, in, out]}); architectures reorder them.
 */
public final class TfjsWeights {

    private TfjsWeights() {
    }

    /**
     * Reads every weight the manifest lists.
     *
     * @param manifest the manifest JSON; shards are looked up beside it
     * @return tensors by name, in manifest order
     * @throws BadInputException in one line naming the file and what is wrong with it
     */
    public static Map<String, Tensor> read(Path manifest) {
        String text;
        try {
            text = Files.readString(manifest, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("No tfjs weights manifest at " + manifest);
        } catch (IOException e) {
            throw new BadInputException("Cannot read tfjs weights manifest " + manifest + ": " + e.getMessage(), e);
        }
        Object root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("Manifest " + manifest + " is not valid JSON: " + e.getMessage(), e);
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Object group : list(root, manifest, "the manifest")) {
            Map<?, ?> g = map(group, manifest, "a weight group");
            ByteBuffer data = shards(list(g.get("paths"), manifest, "'paths'"), manifest);
            for (Object entry : list(g.get("weights"), manifest, "'weights'")) {
                Map<?, ?> w = map(entry, manifest, "a weight entry");
                String name = string(w.get("name"), manifest, "a weight name");
                if (tensors.containsKey(name)) {
                    throw new BadInputException("Manifest " + manifest + " lists weight '" + name + "' twice");
                }
                tensors.put(name, decode(name, w, data, manifest));
            }
            if (data.hasRemaining()) {
                throw new BadInputException("Shards of " + manifest + " hold " + data.remaining()
                        + " bytes more than the manifest's weights need");
            }
        }
        return tensors;
    }

    private static ByteBuffer shards(List<?> paths, Path manifest) {
        Path dir = manifest.toAbsolutePath().getParent();
        byte[][] parts = new byte[paths.size()][];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            Path shard = dir.resolve(string(paths.get(i), manifest, "a shard path"));
            try {
                parts[i] = Files.readAllBytes(shard);
            } catch (NoSuchFileException e) {
                throw new BadInputException("Missing weight shard " + shard + " named in " + manifest);
            } catch (IOException e) {
                throw new BadInputException("Cannot read weight shard " + shard + ": " + e.getMessage(), e);
            }
            total += parts[i].length;
        }
        ByteBuffer all = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.flip();
    }

    private static Tensor decode(String name, Map<?, ?> w, ByteBuffer data, Path manifest) {
        List<?> dims = list(w.get("shape"), manifest, "the shape of '" + name + "'");
        int[] shape = new int[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            double d = number(dims.get(i), manifest, "a dimension of '" + name + "'");
            if (d < 1 || d != Math.rint(d) || d > Integer.MAX_VALUE) {
                throw new BadInputException("Weight '" + name + "' in " + manifest + " has a bad dimension " + d);
            }
            shape[i] = (int) d;
            count *= shape[i];
        }
        if (shape.length == 0) {
            shape = new int[] {1}; // a scalar is stored as one value
        }
        String dtype = string(w.get("dtype"), manifest, "the dtype of '" + name + "'");
        Object q = w.get("quantization");
        String storage = q == null ? dtype
                : string(map(q, manifest, "the quantization of '" + name + "'").get("dtype"), manifest,
                        "the quantization dtype of '" + name + "'");
        int width = switch (storage) {
            case "float32", "int32" -> 4;
            case "uint16" -> 2;
            case "uint8" -> 1;
            default -> throw new BadInputException("Weight '" + name + "' in " + manifest + " is stored as '" + storage
                    + "'; supported: float32, int32, uint8 or uint16 quantised");
        };
        if (!dtype.equals("float32") && !dtype.equals("int32")) {
            throw new BadInputException("Weight '" + name + "' in " + manifest + " has dtype '" + dtype
                    + "'; supported: float32, int32");
        }
        long bytes = count * width;
        if (bytes > data.remaining()) {
            throw new BadInputException("Weight '" + name + "' needs " + bytes + " bytes but the shards of " + manifest
                    + " have only " + data.remaining() + " left (truncated .bin?)");
        }
        float[] values = new float[(int) count];
        if (q == null) {
            for (int i = 0; i < values.length; i++) {
                values[i] = storage.equals("float32") ? data.getFloat() : data.getInt();
            }
        } else {
            Map<?, ?> qm = (Map<?, ?>) q;
            if (!storage.equals("uint8") && !storage.equals("uint16")) {
                throw new BadInputException("Weight '" + name + "' in " + manifest + " is quantised as '" + storage
                        + "'; supported: uint8, uint16");
            }
            double min = number(qm.get("min"), manifest, "the quantization min of '" + name + "'");
            double scale = number(qm.get("scale"), manifest, "the quantization scale of '" + name + "'");
            for (int i = 0; i < values.length; i++) {
                int level = width == 1 ? Byte.toUnsignedInt(data.get()) : Short.toUnsignedInt(data.getShort());
                values[i] = (float) (level * scale + min);
            }
        }
        return new Tensor(shape, values);
    }

    private static List<?> list(Object o, Path manifest, String what) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new BadInputException("Manifest " + manifest + ": expected a list for " + what + ", got " + o);
    }

    private static Map<?, ?> map(Object o, Path manifest, String what) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new BadInputException("Manifest " + manifest + ": expected an object for " + what + ", got " + o);
    }

    private static String string(Object o, Path manifest, String what) {
        if (o instanceof String s) {
            return s;
        }
        throw new BadInputException("Manifest " + manifest + ": expected a string for " + what + ", got " + o);
    }

    private static double number(Object o, Path manifest, String what) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        throw new BadInputException("Manifest " + manifest + ": expected a number for " + what + ", got " + o);
    }
}
