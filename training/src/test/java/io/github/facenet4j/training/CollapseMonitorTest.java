package io.github.facenet4j.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollapseMonitorTest {

    @Test
    void activeFractionFiresOncePerEpisodeAtExactlyMSteps() {
        CollapseMonitor monitor = new CollapseMonitor(new CollapseDetection(0, 1, 4, 0.01, false));
        double[] fractions = {1, 1, 1, 0.995, 1, 1, 1, 1, 0.5, 1, 1, 1, 1, 0, 0, 0, 0.005, 0.2};
        List<String> fired = new ArrayList<>();
        for (int s = 0; s < fractions.length; s++) {
            int step = s + 1;
            monitor.step(step, fractions[s]).ifPresent(e -> fired.add(e.step() + ":" + e.kind()));
        }
        // steps 1–7 stuck high (0.995 is within 0.01 of 1): fires at 4 only; 10–13 again: fires at 13;
        // 14–17 stuck low: fires at 17
        assertThat(fired).containsExactly("4:COLLAPSE", "13:COLLAPSE", "17:STALLED");
    }

    @Test
    void spreadNeedsConsecutiveValidations() {
        CollapseMonitor monitor = new CollapseMonitor(new CollapseDetection(0.1, 2, 0, 0, false));
        assertThat(monitor.spread(10, 0.05)).isEmpty();
        assertThat(monitor.spread(20, 0.5)).isEmpty();
        assertThat(monitor.spread(30, 0.05)).isEmpty();
        assertThat(monitor.spread(40, 0.01)).hasValueSatisfying(e -> assertThat(e.message())
                .startsWith("Collapse at step 40: the embeddings' mean squared distance has stayed below 0.1 for 2"));
        assertThat(monitor.spread(50, 0.01)).isEmpty();
    }

    @Test
    void stateRestoresTheCounts() {
        CollapseDetection settings = new CollapseDetection(0.1, 3, 3, 0.01, false);
        CollapseMonitor a = new CollapseMonitor(settings);
        a.step(1, 1);
        a.step(2, 1);
        a.spread(2, 0.01);
        a.spread(4, 0.01);
        CollapseMonitor b = new CollapseMonitor(settings);
        b.restore(io.github.facenet4j.api.json.Json.parseObject(
                io.github.facenet4j.api.json.Json.write(a.state())));
        assertThat(b.step(3, 1)).isPresent();
        assertThat(b.spread(6, 0.01)).isPresent();
    }

    @Test
    void zeroSwitchesSignalsOff() {
        CollapseMonitor monitor = new CollapseMonitor(new CollapseDetection(0, 1, 0, 0, false));
        for (int s = 1; s < 100; s++) {
            assertThat(monitor.step(s, 1)).isEmpty();
            assertThat(monitor.spread(s, 0)).isEmpty();
        }
    }
}
