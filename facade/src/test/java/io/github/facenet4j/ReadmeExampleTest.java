package io.github.facenet4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.DocumentedCode;
import io.github.facenet4j.models.FaceApiPack;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example in README.md, compiled against this module's class path (the facade,
 * api, models, faces and the onnx backend: the library user's dependencies, no CLI, no OSGi
 * framework, no Guice) and run on a real photo and a rescaled copy.
 */
class ReadmeExampleTest {

    @Test
    void compilesAgainstTheFacadeAloneAndVerifiesAPhotoAgainstARescaledCopy(@TempDir Path dir) throws Exception {
        Method main = DocumentedCode.compile(DocumentedCode.javaBlock("README.md", "<!-- readme-example"), dir)
                .getMethod("main", String[].class);

        // sample2: its largest face is clearly the largest (66,000 px² against 43,000), so it stays
        // the largest after rescaling; in sample1 three faces are within 10 % of each other.
        Path pack = FaceApiPack.fetch(Map.copyOf(System.getenv()), Path.of(System.getProperty("user.home")),
                FaceApiPack.SAMPLE_PHOTOS);
        Path photo = pack.resolve(FaceApiPack.SAMPLE_PHOTOS.get(1));
        BufferedImage original = ImageIO.read(photo.toFile());
        BufferedImage half = new BufferedImage(original.getWidth() / 2, original.getHeight() / 2,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = half.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(original, 0, 0, half.getWidth(), half.getHeight(), null);
        g.dispose();
        Path smaller = dir.resolve("half.png");
        ImageIO.write(half, "png", smaller.toFile());

        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {photo.toString(), smaller.toString()});
        } finally {
            System.setOut(saved);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        System.out.println(String.join("\n", lines));
        assertThat(lines.get(0)).startsWith("3 faces, the largest at FaceBox[");
        assertThat(lines.get(1)).matches("distance 0\\.0\\d\\d, threshold 0\\.12: same person");
    }

    @Test
    void theClassPathHoldsNoCommandLineNoContainerNoInjector() {
        for (String absent : List.of("picocli.CommandLine", "org.apache.felix.framework.Felix", "com.google.inject.Guice",
                "io.github.facenet4j.distribution.cli.FaceNetCli")) {
            assertThat(getClass().getClassLoader().getResource(absent.replace('.', '/') + ".class"))
                    .as(absent).isNull();
        }
    }
}
