package io.github.facenet4j.training.data;

import io.github.facenet4j.api.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 70,000 grey 28×28 images of 10 kinds of
 * clothing, as four IDX files {@code {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]}.
 * The Debian package {@code dataset-fashion-mnist} installs them in {@link #DEBIAN_DIRECTORY}.
 * The same reader opens MNIST, whose files have the same names.
 *
 * <p>For metric learning the ten classes play the part of identities: the zero-shot
 * protocol trains on classes 0–4 and verifies on the unseen classes 5–9
 * ({@link Splits#byIdentity(Dataset, java.util.Set)}).
 */
public final class FashionMnist {

    /** Where the Debian package {@code dataset-fashion-mnist} puts the files. */
    public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** The class names, by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private FashionMnist() {
    }

    /** Both parts, training images (60,000) first, then the test images (10,000). */
    public static ByteImages load(Path directory) {
        return ByteImages.concat(part(directory, "train", "Fashion-MNIST", CLASSES),
                part(directory, "t10k", "Fashion-MNIST", CLASSES), "Fashion-MNIST (" + directory + ")");
    }

    /** The official training part (60,000 images). */
    public static ByteImages loadTrain(Path directory) {
        return part(directory, "train", "Fashion-MNIST", CLASSES);
    }

    /** The official test part (10,000 images). */
    public static ByteImages loadTest(Path directory) {
        return part(directory, "t10k", "Fashion-MNIST", CLASSES);
    }

    /** MNIST digits from files with the same names, training part first. */
    public static ByteImages loadMnist(Path directory) {
        return ByteImages.concat(part(directory, "train", "MNIST", DIGITS), part(directory, "t10k", "MNIST", DIGITS),
                "MNIST (" + directory + ")");
    }

    private static ByteImages part(Path directory, String part, String name, List<String> classes) {
        Path images = find(directory, part + "-images-idx3-ubyte", name);
        Path labels = find(directory, part + "-labels-idx1-ubyte", name);
        return IdxFiles.read(images, labels, classes, name + " " + part + " (" + directory + ")");
    }

    /** FILE.gz, else FILE, in {@code directory}. */
    private static Path find(Path directory, String file, String name) {
        Path gz = directory.resolve(file + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = directory.resolve(file);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        String hint = name.equals("Fashion-MNIST")
                ? ": install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)"
                        + " or pass --dataset fashion-mnist:DIR"
                : ": pass --dataset mnist:DIR with the four IDX files";
        String missing = Files.isDirectory(directory) ? " (no " + file + ".gz or " + file + ")" : "";
        throw new BadInputException(name + " not found at " + directory + missing + hint);
    }
}
