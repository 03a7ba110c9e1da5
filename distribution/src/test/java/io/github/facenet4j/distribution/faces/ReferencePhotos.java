package io.github.facenet4j.distribution.faces;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two single-face photos from Debian packages, with small faces: {@code messi5.jpg} of
 * {@code opencv-doc} (548×342, the face ≈ 33×49 pixels) and {@code astronaut.png} of
 * {@code python3-skimage} (512×512). {@code .ci/run} extracts them to
 * {@code ~/.cache/facenet4j/photos}; {@code FACENET_PHOTOS} (system property
 * {@code facenet.photos}, then environment) names another folder. Without them the tests are
 * skipped on a developer machine, and fail under {@code FACENET_REQUIRE_DATASETS=1}, as CI sets.
 */
public final class ReferencePhotos {

    public static final List<String> NAMES = List.of("messi5.jpg", "astronaut.png");

    private ReferencePhotos() {
    }

    public static Path folder() {
        String chosen = System.getProperty("facenet.photos", System.getenv("FACENET_PHOTOS"));
        return chosen != null ? Path.of(chosen)
                : Path.of(System.getProperty("user.home"), ".cache", "facenet4j", "photos");
    }

    /** The photos, then their half-size copies written to {@code dir}; skips (or fails in CI) without them. */
    public static List<Path> withHalves(Path dir) {
        Path folder = folder();
        boolean present = NAMES.stream().allMatch(n -> Files.isRegularFile(folder.resolve(n)));
        assumeTrue(present || "1".equals(System.getenv("FACENET_REQUIRE_DATASETS")),
                "messi5.jpg and astronaut.png are not in " + folder + " (.ci/run extracts them from opencv-doc and"
                        + " python3-skimage)");
        List<Path> photos = new ArrayList<>();
        for (String name : NAMES) {
            Path photo = folder.resolve(name);
            photos.add(photo);
            BufferedImage half = SamplePhotos.half(SamplePhotos.read(photo));
            photos.add(SamplePhotos.write(half, dir.resolve("half-" + name.replaceAll("\\.\\w+$", "") + ".png")));
        }
        return photos;
    }
}
