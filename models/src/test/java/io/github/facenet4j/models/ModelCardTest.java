package io.github.facenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.InputNormalisation.ChannelOrder;
import io.github.facenet4j.api.nn.TensorShape;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {

    @TempDir
    Path dir;

    @Test
    void defaultCardDescribesTheDlibModelAsFaceApiRunsIt() {
        ModelCard card = ModelCard.defaultCard();
        assertThat(card.id()).isEqualTo("dlib-resnet-v1");
        assertThat(card.architecture()).isEqualTo("dlib-resnet-29");
        assertThat(card.input().width()).isEqualTo(DlibResNet29.INPUT_SIZE);
        assertThat(card.input().height()).isEqualTo(DlibResNet29.INPUT_SIZE);
        assertThat(card.input().normalisation()).isEqualTo(new InputNormalisation(ChannelOrder.RGB,
                new float[] {122.782f, 117.001f, 104.298f}, new float[] {255f, 255f, 255f}));
        assertThat(card.input().shape()).isEqualTo(new TensorShape(3, 150, 150));
        assertThat(card.embeddingSize()).isEqualTo(DlibResNet29.EMBEDDING_SIZE);
        assertThat(card.distance()).isEqualTo(ModelCard.Distance.SQUARED_L2);
        // Stricter than dlib's Euclidean 0.6 on raw descriptors of length ≈ 1.46, which is
        // (0.6 / 1.46)² ≈ 0.17 on unit vectors (docs/MODELS.md, "Threshold").
        assertThat(card.threshold()).isLessThan(Math.pow(0.6 / 1.46, 2));
        assertThat(card.weights().file()).isEqualTo(FaceApiPack.RECOGNITION_MANIFEST);
        assertThat(card.provenance().sha256()).isEqualTo(FaceApiPack.NPM_SHA256);
    }

    @Test
    void writtenCardReadsBackTheSame() throws IOException {
        ModelCard card = ModelCard.defaultCard();
        Files.writeString(dir.resolve(ModelCard.FILE_NAME), card.toJson());

        ModelCard back = ModelCard.read(dir);

        assertThat(back.toJson()).isEqualTo(card.toJson());
        assertThat(back.input()).isEqualTo(card.input());
        assertThat(back.provenance()).isEqualTo(card.provenance());
        assertThat(back.alignment()).isEqualTo(card.alignment());
    }

    @Test
    void aDeclaredCompatibilityReadsBackAndNamesTheSpace() {
        ModelCard base = ModelCard.defaultCard();
        assertThat(base.compatibleWith()).isEmpty();
        assertThat(base.toJson()).doesNotContain("compatible-with");
        String harmonic = base.toJson().replace("\"threshold\"", "\"compatible-with\": [\"small-cnn-fm@1\", \"x@2\"],"
                + " \"threshold\"");
        ModelCard card = ModelCard.parse(harmonic, "c.json");
        assertThat(card.compatibleWith()).containsExactly("small-cnn-fm@1", "x@2");
        assertThat(ModelCard.parse(card.toJson(), "again").compatibleWith()).isEqualTo(card.compatibleWith());
        assertThat(card.space().space()).isEqualTo(new EmbeddingSpace("dlib-resnet-v1", base.version(), 128));
        assertThat(card.space().compatibleWith()).containsExactly("small-cnn-fm@1", "x@2");
        assertThatThrownBy(() -> ModelCard.parse(base.toJson().replace("\"threshold\"", "\"compatible-with\": [\"v1\"],"
                + " \"threshold\""), "c.json")).isInstanceOf(BadInputException.class)
                .hasMessage("c.json: compatible-with entries are MODEL@VERSION (e.g. small-cnn-fm@1), got 'v1'");
        assertThatThrownBy(() -> ModelCard.parse(base.toJson().replace("\"threshold\"", "\"compatible-with\": \"x@1\","
                + " \"threshold\""), "c.json")).hasMessage("c.json: 'compatible-with' must be an array of strings");
    }

    @Test
    void badCardsAreOneClearLine() throws IOException {
        Path missing = dir.resolve("none");
        assertThatThrownBy(() -> ModelCard.read(missing))
                .isInstanceOf(BadInputException.class).hasMessage("No model card at " + missing
                        + ": a model directory holds model-card.json");
        String good = ModelCard.defaultCard().toJson();
        assertThatThrownBy(() -> ModelCard.parse("{", "c.json"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("c.json is not valid JSON: ");
        assertThatThrownBy(() -> ModelCard.parse(good.replace("\"squared-l2\"", "\"cosine\""), "c.json"))
                .hasMessage("c.json: distance must be squared-l2, got 'cosine'");
        assertThatThrownBy(() -> ModelCard.parse(good.replace("\"threshold\": 0.12", "\"threshold\": -1"), "c.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("c.json: Model card 'dlib-resnet-v1': threshold must be a finite number > 0, got -1.0");
        assertThatThrownBy(() -> ModelCard.parse(good.replace("\"size\": 128", "\"size\": 1.5"), "c.json"))
                .hasMessage("c.json: 'size' must be a whole number, got 1.5");
        assertThatThrownBy(() -> ModelCard.parse(good.replace("[255.0, 255.0, 255.0]", "[255.0]"), "c.json"))
                .hasMessage("c.json: Input normalisation: mean and scale need one value per channel (3), got 3 and 1");
        assertThatThrownBy(() -> ModelCard.parse(good.replace("\"channels\": 3", "\"channels\": 1"), "c.json"))
                .hasMessage("c.json: Model input: channel order rgb does not fit 1 channels");
        assertThatThrownBy(() -> ModelCard.parse(good.replace("\"rgb\"", "\"yuv\""), "c.json"))
                .hasMessage("c.json: Input channel order must be rgb, bgr or gray, got 'yuv'");
        assertThatThrownBy(() -> ModelCard.parse(good.replace("\"width\": 150", "\"width\": 0"), "c.json"))
                .hasMessage("c.json: Model input size must be positive, got 0×150");
        assertThatThrownBy(() -> ModelCard.builtIn("vgg-face"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("No built-in model 'vgg-face'. Available: dlib-resnet-v1.");
    }

    @Test
    void aCardTheUserMayNotReadSaysPermissionDenied() throws IOException {
        Files.writeString(dir.resolve(ModelCard.FILE_NAME), ModelCard.defaultCard().toJson());
        Path card = dir.resolve(ModelCard.FILE_NAME);
        // what the JDK throws when the system answers EACCES; root is never refused, so the seam stands in
        ModelCard.CardReader refusing = f -> {
            throw new AccessDeniedException(f.toString());
        };
        assertThatThrownBy(() -> ModelCard.read(dir, refusing)).isInstanceOf(BadInputException.class)
                .hasMessage("Cannot read the model card " + card + ": permission denied; check the file's permissions");
        assertThat(ModelCard.read(dir).toJson()).as("the same card, read for real")
                .isEqualTo(ModelCard.defaultCard().toJson());
    }
}
