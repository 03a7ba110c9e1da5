package io.github.facenet4j.faces;

import io.github.facenet4j.api.Backend;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a detector or landmarker plugin is built from when a pipeline opens.
 *
 * @param backend           compiles the plugin's networks
 * @param modelPack         the fetched face-api model pack, holding the plugin's {@code packFiles()}
 * @param detectorInputSize a per-call detector input size that overrides the plugin's
 *                          configuration (the CLI's {@code --detector-size}); empty keeps it
 */
public record PipelineContext(Backend backend, Path modelPack, OptionalInt detectorInputSize) {

    public PipelineContext {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(modelPack, "modelPack");
        Objects.requireNonNull(detectorInputSize, "detectorInputSize");
    }

    /** This context with the detector input size set to {@code size}. */
    public PipelineContext withDetectorInputSize(int size) {
        return new PipelineContext(backend, modelPack, OptionalInt.of(size));
    }
}
