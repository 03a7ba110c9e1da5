package io.github.facenet4j.distribution.serve;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Settings;
import java.util.Map;
import java.util.Objects;

/**
 * Which plugins and model a face pipeline runs: what the face commands' {@code --backend},
 * {@code --detector}, {@code --landmarker} and {@code --model} choose, and what
 * {@code conf/facenet.pipeline.cfg} (keys {@code backend}, {@code detector},
 * {@code landmarker}, {@code model}) re-targets in a running {@code facenet serve}.
 *
 * @param backend    the backend plugin's name
 * @param detector   the detector plugin's name
 * @param landmarker the landmarker plugin's name
 * @param model      {@code dlib-resnet-v1} or a model directory
 */
public record PipelineChoice(String backend, String detector, String landmarker, String model) {

    /** The ConfigAdmin PID, and so the file {@code conf/facenet.pipeline.cfg}, of the served pipeline. */
    public static final String PID = "facenet.pipeline";

    public PipelineChoice {
        for (String value : new String[] {backend, detector, landmarker, model}) {
            if (Objects.requireNonNull(value, "a pipeline choice").isBlank()) {
                throw new ConfigurationException("A pipeline names a backend, detector, landmarker and model; got a"
                        + " blank one in " + backend + ", " + detector + ", " + landmarker + ", " + model);
            }
        }
    }

    /**
     * {@code defaults} with what {@code properties} (the pipeline PID's configuration) set;
     * a key other than those four is refused in one line naming the file.
     */
    public static PipelineChoice from(Map<String, ?> properties, PipelineChoice defaults) {
        Settings settings = Settings.forFile("pipeline", "conf/" + PID + ".cfg", properties);
        PipelineChoice choice = new PipelineChoice(settings.getString("backend", defaults.backend()),
                settings.getString("detector", defaults.detector()),
                settings.getString("landmarker", defaults.landmarker()),
                settings.getString("model", defaults.model()));
        settings.refuseUnknownKeys();
        return choice;
    }

    /** {@code backend onnx, detector tiny, landmarker face-api-68, model dlib-resnet-v1}. */
    public String describe() {
        return "backend " + backend + ", detector " + detector + ", landmarker " + landmarker + ", model " + model;
    }
}
