package io.github.facenet4j.training;

import io.github.facenet4j.api.json.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Counts how long each {@link CollapseDetection} signal has held and says when one fires
 * (once per episode: the count must drop back before it can fire again). Its counts are
 * part of a checkpoint, so a resumed run fires where an uninterrupted one would.
 */
final class CollapseMonitor {

    private final CollapseDetection settings;
    private long lowSpreadRun;
    private long allActiveRun;
    private long noneActiveRun;

    CollapseMonitor(CollapseDetection settings) {
        this.settings = settings;
    }

    /** After each step. */
    Optional<TrainingEvent> step(long step, double activeFraction) {
        if (settings.activeSteps() == 0) {
            return Optional.empty();
        }
        allActiveRun = activeFraction >= 1 - settings.activeTolerance() ? allActiveRun + 1 : 0;
        noneActiveRun = activeFraction <= settings.activeTolerance() ? noneActiveRun + 1 : 0;
        if (allActiveRun == settings.activeSteps()) {
            return Optional.of(new TrainingEvent(step, TrainingEvent.Kind.COLLAPSE, String.format(Locale.ROOT,
                    "Possible collapse at step %d: every mined triplet has been active for %d steps in a row"
                            + " (embeddings may be drawing to one point; with semi-hard mining this is normal)",
                    step, settings.activeSteps())));
        }
        if (noneActiveRun == settings.activeSteps()) {
            return Optional.of(new TrainingEvent(step, TrainingEvent.Kind.STALLED, String.format(Locale.ROOT,
                    "Training stalled at step %d: no mined triplet has been active for %d steps in a row"
                            + " (nothing left to learn from; try harder mining)", step, settings.activeSteps())));
        }
        return Optional.empty();
    }

    /** At each validation, with the held-out (or batch) spread. */
    Optional<TrainingEvent> spread(long step, double spread) {
        if (settings.minSpread() == 0) {
            return Optional.empty();
        }
        lowSpreadRun = spread < settings.minSpread() ? lowSpreadRun + 1 : 0;
        if (lowSpreadRun == settings.validations()) {
            return Optional.of(new TrainingEvent(step, TrainingEvent.Kind.COLLAPSE, String.format(Locale.ROOT,
                    "Collapse at step %d: the embeddings' mean squared distance has stayed below %s for %d"
                            + " validations (now %.3g; about 2 when spread out): lower the learning rate or use"
                            + " easier mining (FaceNet §3.2)", step, settings.minSpread(), settings.validations(),
                    spread)));
        }
        return Optional.empty();
    }

    Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("low_spread_run", lowSpreadRun);
        m.put("all_active_run", allActiveRun);
        m.put("none_active_run", noneActiveRun);
        return m;
    }

    void restore(Map<String, Object> state) {
        lowSpreadRun = Json.longValue(state, "low_spread_run");
        allActiveRun = Json.longValue(state, "all_active_run");
        noneActiveRun = Json.longValue(state, "none_active_run");
    }
}
