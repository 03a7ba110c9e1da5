package io.github.facenet4j.models;

import io.github.facenet4j.api.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The architectures that can be trained from scratch, by name. */
public final class Architectures {

    private static final Map<String, Architecture> KNOWN = new TreeMap<>();

    static {
        for (Architecture a : List.of(new SmallCnn(), new SmallInception(), new Nn1(), InceptionNets.NN2,
                InceptionNets.NN3, InceptionNets.NN4, InceptionNets.NNS1, InceptionNets.NNS2)) {
            KNOWN.put(a.name(), a);
        }
    }

    /** The FaceNet paper's networks, in the paper's order (NN1, NN2, NN3, NN4, NNS1, NNS2). */
    public static List<PaperArchitecture> paper() {
        List<PaperArchitecture> all = new java.util.ArrayList<>(List.of(new Nn1()));
        all.addAll(InceptionNets.ALL);
        return List.copyOf(all);
    }

    private Architectures() {
    }

    /** The sorted known names. */
    public static List<String> names() {
        return List.copyOf(KNOWN.keySet());
    }

    /**
     * The architecture called {@code name}.
     *
     * @throws ConfigurationException naming the known architectures when there is none
     */
    public static Architecture get(String name) {
        Architecture architecture = name == null ? null : KNOWN.get(name);
        if (architecture == null) {
            throw new ConfigurationException("Unknown architecture '" + name + "'. Known: "
                    + String.join(", ", KNOWN.keySet()));
        }
        return architecture;
    }
}
