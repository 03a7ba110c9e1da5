package io.github.facenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.api.json.Json;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The card's optional training record: written to model-card.json and read back as it was. */
class ModelCardTrainingTest {

    private static final String[] WORDS = {"small-cnn", "djl", "adam", "semi-hard", "triplet", "a b", "é\"\\"};

    private static String word(SplittableRandom random) {
        return WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? "" : "-" + random.nextInt(100));
    }

    static ModelCard.Training training(SplittableRandom random) {
        return new ModelCard.Training(word(random), word(random), word(random), Math.exp(-random.nextDouble(1, 12)),
                "cosine:" + random.nextDouble() + ":1e-5:" + random.nextInt(1, 100_000), random.nextInt(2, 100),
                random.nextInt(2, 100), word(random), word(random),
                random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(random.nextDouble(0.01, 2)),
                random.nextLong(), "folder:/data/" + word(random), random.nextBoolean(), random.nextLong(0, 1L << 40));
    }

    @Test
    void aTrainingRecordReadsBackEqual() {
        RandomCases.check(50, random -> {
            ModelCard.Training record = training(random);
            ModelCard card = ModelCard.defaultCard().withTraining(record);
            ModelCard back = ModelCard.parse(card.toJson(), "c.json");
            assertThat(back.training()).contains(record);
            assertThat(back).isEqualTo(card);
            assertThat(back.toJson()).isEqualTo(card.toJson());
        });
    }

    @Test
    void theRecordIsAnObjectUnderTrainingWithNamedKeys() {
        ModelCard.Training record = new ModelCard.Training("small-cnn", "djl", "adam", 1e-3, "constant:0.001", 10, 32,
                "semi-hard", "triplet", OptionalDouble.of(0.2), 7, "fashion-mnist", true, 30);
        Map<String, Object> json = Json.parseObject(ModelCard.defaultCard().withTraining(record).toJson());
        assertThat(json.get("training")).isEqualTo(Json.parse("{\"architecture\":\"small-cnn\",\"backend\":\"djl\","
                + "\"optimizer\":\"adam\",\"learningRate\":0.001,\"schedule\":\"constant:0.001\",\"p\":10,\"k\":32,"
                + "\"miner\":\"semi-hard\",\"loss\":\"triplet\",\"margin\":0.2,\"seed\":7,\"dataset\":\"fashion-mnist\","
                + "\"zeroShot\":true,\"steps\":30}"));
    }

    @Test
    void aCardWithoutOneHasNone() {
        ModelCard card = ModelCard.defaultCard();
        assertThat(card.training()).isEmpty();
        assertThat(card.toJson()).doesNotContain("training");
        assertThat(ModelCard.parse(card.toJson(), "c.json").training()).isEmpty();
    }

    @Test
    void badRecordsAreOneLine() {
        String good = ModelCard.defaultCard().withTraining(new ModelCard.Training("small-cnn", "djl", "adam", 1e-3,
                "constant:0.001", 10, 32, "semi-hard", "triplet", OptionalDouble.empty(), 7, "fashion-mnist", false,
                30)).toJson();
        assertThatThrownBy(() -> ModelCard.parse(good.replace("\"p\": 10", "\"p\": 1"), "c.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("c.json: Training record: P and K must be ≥ 2, got 1×32");
        assertThatThrownBy(() -> ModelCard.parse(good.replace("\"steps\": 30", "\"steps\": 3.5"), "c.json"))
                .hasMessage("c.json: training: 'steps' must be a whole number");
        assertThatThrownBy(() -> ModelCard.parse(good.replace("\"margin\": null", "\"margin\": \"wide\""), "c.json"))
                .hasMessage("c.json: training: 'margin' must be a number or null");
        assertThatThrownBy(() -> ModelCard.parse(good.replace("\"zeroShot\": false", "\"zeroShot\": 0"), "c.json"))
                .hasMessage("c.json: training: 'zeroShot' must be true or false");
        assertThatThrownBy(() -> ModelCard.parse(good.replace("\"training\": {", "\"training\": [{")
                .replace(", \"steps\": 30}", ", \"steps\": 30}]"), "c.json"))
                .hasMessage("c.json: training must be a JSON object");
        assertThatThrownBy(() -> new ModelCard.Training("small-cnn", "djl", "adam", 0, "constant:0", 10, 32,
                "semi-hard", "triplet", OptionalDouble.empty(), 7, "fashion-mnist", false, 30))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Training record: learning rate must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> new ModelCard.Training("small-cnn", "djl", "adam", 1e-3, " ", 10, 32,
                "semi-hard", "triplet", OptionalDouble.empty(), 7, "fashion-mnist", false, 30))
                .hasMessage("Training record: schedule must not be blank");
        assertThatThrownBy(() -> new ModelCard.Training("small-cnn", "djl", "adam", 1e-3, "constant:0.001", 10, 32,
                "semi-hard", "triplet", OptionalDouble.of(-0.2), 7, "fashion-mnist", false, 30))
                .hasMessage("Training record: margin must be a finite number > 0, got -0.2");
    }
}
