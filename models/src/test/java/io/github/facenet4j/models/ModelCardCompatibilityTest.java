package io.github.facenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The card's {@code compatible-with}: the models a harmonically trained one (FaceNet §7) can be compared with. */
class ModelCardCompatibilityTest {

    private static ModelCard compatible(List<String> with) {
        ModelCard c = ModelCard.defaultCard();
        return new ModelCard(c.id(), c.version(), c.architecture(), c.input(), c.alignment(), c.embeddingSize(),
                c.distance(), c.threshold(), c.weights(), c.provenance(), c.training(), with);
    }

    @Test
    void compatibleWithRoundTripsThroughJsonUnderItsKey() {
        ModelCard card = compatible(List.of("trained-small-cnn-64@0.1.0+step900", "dlib-resnet-v1@1.0.0"));
        String json = card.toJson();
        assertThat(json).contains("\"compatible-with\": [\"trained-small-cnn-64@0.1.0+step900\",\"dlib-resnet-v1@1.0.0\"]");
        ModelCard back = ModelCard.parse(json, "c.json");
        assertThat(back).isEqualTo(card);
        assertThat(back.compatibleWith()).containsExactly("trained-small-cnn-64@0.1.0+step900", "dlib-resnet-v1@1.0.0");
    }

    @Test
    void aCardWithoutTheKeyIsCompatibleWithNothingAndWritesNoKey() {
        ModelCard plain = ModelCard.defaultCard();
        assertThat(plain.compatibleWith()).isEmpty();
        assertThat(plain.toJson()).doesNotContain("compatible-with");
        assertThat(ModelCard.parse(plain.toJson(), "c.json").compatibleWith()).isEmpty();
        assertThat(plain.reference()).isEqualTo(plain.id() + "@" + plain.version());
    }

    @Test
    void entriesMustBeIdAtVersionAndTheKeyAnArrayOfStrings() {
        assertThatThrownBy(() -> compatible(List.of("no-version"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MODEL@VERSION");
        assertThatThrownBy(() -> compatible(List.of("Upper@1"))).isInstanceOf(ConfigurationException.class);
        String good = compatible(List.of("a@1")).toJson();
        assertThatThrownBy(() -> ModelCard.parse(good.replace("[\"a@1\"]", "\"a@1\""), "c.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("array of strings");
        assertThatThrownBy(() -> ModelCard.parse(good.replace("[\"a@1\"]", "[1]"), "c.json"))
                .isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> ModelCard.parse(good.replace("[\"a@1\"]", "[\"a\"]"), "c.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("MODEL@VERSION");
    }
}
