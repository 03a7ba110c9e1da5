package io.github.facenet4j.faces;

import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginKind;
import java.util.List;

/**
 * A landmark finder as a plugin (kind {@code landmarker}), chosen by name with
 * {@code --landmarker NAME} and configured by {@code conf/facenet.landmarker.NAME.cfg}.
 */
@PluginKind.Label("landmarker")
public interface LandmarkerFactory extends Plugin {

    /** The files of the face-api model pack this landmarker reads; fetched before {@link #open}. */
    List<String> packFiles();

    /** Compiles the landmarker's networks on {@code context}'s backend. */
    Landmarker open(PipelineContext context);

    /** A landmark finder that owns the networks it runs, closed with the pipeline. */
    interface Landmarker extends LandmarkFinder, AutoCloseable {
        @Override
        void close();
    }
}
