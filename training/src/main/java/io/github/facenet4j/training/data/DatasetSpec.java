package io.github.facenet4j.training.data;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.TensorShape;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A data set as users name it on the command line:
 * <ul>
 *   <li>{@code fashion-mnist} — the Debian package's files in {@link FashionMnist#DEBIAN_DIRECTORY};</li>
 *   <li>{@code fashion-mnist:DIR} — the four Fashion-MNIST IDX files in DIR;</li>
 *   <li>{@code mnist:DIR} — the four MNIST IDX files in DIR;</li>
 *   <li>{@code folder:DIR} — an image folder, DIR/identity/*.jpg ({@link ImageFolder}).</li>
 * </ul>
 *
 * @param kind      what is read
 * @param directory where
 */
public record DatasetSpec(Kind kind, Path directory) {

    /** The kinds of data set. */
    public enum Kind { FASHION_MNIST, MNIST, FOLDER }

    public DatasetSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(directory, "directory");
    }

    /**
     * Parses a spec.
     *
     * @throws ConfigurationException quoting the spec and the accepted forms
     */
    public static DatasetSpec parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        int colon = text.indexOf(':');
        String kind = colon < 0 ? text : text.substring(0, colon);
        String path = colon < 0 ? "" : text.substring(colon + 1);
        switch (kind) {
            case "fashion-mnist":
                return new DatasetSpec(Kind.FASHION_MNIST, path.isEmpty() ? FashionMnist.DEBIAN_DIRECTORY : Path.of(path));
            case "mnist":
                if (!path.isEmpty()) {
                    return new DatasetSpec(Kind.MNIST, Path.of(path));
                }
                break;
            case "folder":
                if (!path.isEmpty()) {
                    return new DatasetSpec(Kind.FOLDER, Path.of(path));
                }
                break;
            default:
                break;
        }
        throw new ConfigurationException("Unknown dataset '" + spec
                + "'. Use fashion-mnist, fashion-mnist:DIR, mnist:DIR or folder:DIR");
    }

    /**
     * Opens the data set. IDX data sets are read whole into memory and must have the
     * {@code shape} (1×28×28); an image folder is read lazily, each image converted to it.
     *
     * @throws io.github.facenet4j.api.BadInputException if the files are missing or corrupt
     * @throws ConfigurationException if the images do not have {@code shape}
     */
    public Dataset open(TensorShape shape) {
        Dataset dataset = switch (kind) {
            case FASHION_MNIST -> FashionMnist.load(directory);
            case MNIST -> FashionMnist.loadMnist(directory);
            case FOLDER -> ImageFolder.open(directory, shape);
        };
        if (!dataset.shape().equals(shape)) {
            throw new ConfigurationException(dataset.description() + " has images of " + dataset.shape()
                    + " but the network takes " + shape);
        }
        return dataset;
    }
}
