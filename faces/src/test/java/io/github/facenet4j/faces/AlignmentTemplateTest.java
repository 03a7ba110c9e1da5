package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.models.ModelCard;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlignmentTemplateTest {

    @Test
    void dlibTemplateIsTheMeanFaceWithPadding() {
        AlignmentTemplate t = AlignmentTemplate.DLIB_68_PADDING_025;

        assertThat(t.name()).isEqualTo("dlib-68-padding-0.25").isEqualTo(AlignmentTemplate.DLIB_68_NAME);
        assertThat(t.size()).isEqualTo(150);
        // dlib skips eyebrows (17–26), lower lip (55–59, 65–67): 27…54 and 60…64 remain.
        assertThat(t.landmarks()).hasSize(33).startsWith(27, 28).endsWith(54, 60, 61, 62, 63, 64);
        // Nose tip, landmark 30: mean shape (0.490127, 0.515625) → (0.25 + m) / 1.5 · 150.
        Point nose = t.target(30);
        assertThat(nose.x()).isCloseTo(74.0127, within(1e-9));
        assertThat(nose.y()).isCloseTo(76.5625, within(1e-9));
        // Eyes level and symmetric about the nose line, as a mean face should be.
        Point left = t.target(36, 37, 38, 39, 40, 41);
        Point right = t.target(42, 43, 44, 45, 46, 47);
        assertThat(left.y()).isCloseTo(right.y(), within(1e-9));
        assertThat((left.x() + right.x()) / 2).isCloseTo(nose.x(), within(1e-4));
        assertThat(AlignmentTemplate.dlib68(200, 0.5).name()).isEqualTo("dlib-68-padding-0.5");
    }

    @Test
    void theDefaultModelCardNamesTheDlibTemplate() {
        assertThat(AlignmentTemplate.forCard(ModelCard.defaultCard())).isEqualTo(AlignmentTemplate.DLIB_68_PADDING_025);

        String card = ModelCard.defaultCard().toJson().replace("\"dlib-68\"", "\"none\"");
        assertThatThrownBy(() -> AlignmentTemplate.forCard(ModelCard.parse(card, "test card")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Model 'dlib-resnet-v1' asks for alignment template 'none'; known: dlib-68");
    }

    @Test
    void rejectsTemplatesThatCannotAlign() {
        List<Point> two = List.of(new Point(1, 1), new Point(2, 2));
        assertThatThrownBy(() -> new AlignmentTemplate(" ", 150, 0, List.of(1, 2), two))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new AlignmentTemplate("t", 1, 0, List.of(1, 2), two))
                .hasMessage("Alignment template 't' needs a size ≥ 2, got 1");
        assertThatThrownBy(() -> new AlignmentTemplate("t", 150, -0.1, List.of(1, 2), two))
                .hasMessage("Alignment template 't' needs a padding ≥ 0, got -0.1");
        assertThatThrownBy(() -> new AlignmentTemplate("t", 150, 0, List.of(1), two))
                .hasMessage("Alignment template 't' needs as many points as landmarks, at least 2; got 2 points for 1"
                        + " landmarks");
        assertThatThrownBy(() -> new AlignmentTemplate("t", 150, 0, List.of(1, 68), two))
                .hasMessage("Alignment template 't' needs distinct landmarks 0…67, got [1, 68]");
        assertThatThrownBy(() -> AlignmentTemplate.DLIB_68_PADDING_025.target(20))
                .hasMessage("Alignment template 'dlib-68-padding-0.25' has no target for landmark 20");
    }
}
