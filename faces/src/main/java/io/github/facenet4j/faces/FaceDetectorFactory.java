package io.github.facenet4j.faces;

import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginKind;
import java.util.List;
import java.util.function.Function;

/**
 * A face detector as a plugin (kind {@code detector}), chosen by name with
 * {@code --detector NAME} and configured by {@code conf/facenet.detector.NAME.cfg}. It
 * builds detectors on the pipeline's backend; each one owns its networks.
 */
@PluginKind.Label("detector")
public interface FaceDetectorFactory extends Plugin {

    /** The files of the face-api model pack this detector reads; fetched before {@link #open}. */
    List<String> packFiles();

    /**
     * Compiles the detector's networks on {@code context}'s backend.
     *
     * @throws io.github.facenet4j.api.ConfigurationException if the context's input size does not suit it
     */
    Detector open(PipelineContext context);

    /** A detector that owns the networks it runs, closed with the pipeline. */
    interface Detector extends FaceDetector, AutoCloseable {
        @Override
        void close();

        /**
         * The detector {@code make} builds on {@code network}, owning it: closing the detector
         * closes the network, and so does a failure of {@code make}.
         */
        static Detector owning(Network network, Function<Network, FaceDetector> make) {
            try {
                FaceDetector detector = make.apply(network);
                return new Detector() {
                    @Override
                    public List<FaceBox> detect(RgbImage image) {
                        return detector.detect(image);
                    }

                    @Override
                    public void close() {
                        network.close();
                    }
                };
            } catch (RuntimeException e) {
                network.close();
                throw e;
            }
        }
    }
}
