package io.github.facenet4j.training.data;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.TensorShape;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Face crops in folders, one per identity: {@code root/IDENTITY/*.jpg} (also {@code .jpeg},
 * {@code .png}), the layout of LFW and most face data sets. Identities are the sub-folder
 * names in sorted order; files within one are sorted by name. Only the file list is read
 * when the data set opens: each image is decoded when it is asked for, scaled to the
 * requested height and width (bilinear), made grey (ITU-R BT.601 luma) for one channel or
 * kept as R, G, B planes for three, and divided by 255. Images are expected to be aligned
 * crops already; nothing is detected or aligned here.
 */
public final class ImageFolder implements Dataset {

    private final Path root;
    private final TensorShape shape;
    private final List<Path> files;
    private final int[] labels;
    private final List<String> names;

    private ImageFolder(Path root, TensorShape shape, List<Path> files, int[] labels, List<String> names) {
        this.root = root;
        this.shape = shape;
        this.files = files;
        this.labels = labels;
        this.names = names;
    }

    /**
     * Lists the images under {@code root}.
     *
     * @param shape what every image becomes: 1 (grey) or 3 (RGB) channels, height, width
     * @throws BadInputException if {@code root} is missing or holds no images in identity folders
     */
    public static ImageFolder open(Path root, TensorShape shape) {
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new ConfigurationException("Image folders give 1 (grey) or 3 (RGB) channels, not "
                    + shape.channels());
        }
        if (!Files.isDirectory(root)) {
            throw new BadInputException("Image folder not found: " + root);
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (Path dir : sorted(root)) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                List<Path> images = sorted(dir).stream().filter(ImageFolder::isImage).toList();
                if (images.isEmpty()) {
                    continue;
                }
                int label = names.size();
                names.add(dir.getFileName().toString());
                for (Path image : images) {
                    files.add(image);
                    labels.add(label);
                }
            }
        } catch (IOException e) {
            throw new BadInputException("Cannot list the image folder " + root + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new BadInputException("No images in " + root + ": expected " + root
                    + "/IDENTITY/*.jpg (or .jpeg, .png), one folder per identity");
        }
        return new ImageFolder(root, shape, List.copyOf(files), labels.stream().mapToInt(Integer::intValue).toArray(),
                List.copyOf(names));
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png"));
    }

    @Override
    public TensorShape shape() {
        return shape;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public List<String> identityNames() {
        return names;
    }

    /** The file of image {@code index}. */
    public Path file(int index) {
        return files.get(index);
    }

    @Override
    public void image(int index, float[] target, int offset) {
        Path file = files.get(index);
        BufferedImage decoded;
        try {
            decoded = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("Cannot decode image " + file + ": " + e.getMessage(), e);
        }
        if (decoded == null) {
            throw new BadInputException("Cannot decode image " + file + ": not a JPEG or PNG file");
        }
        int h = shape.height();
        int w = shape.width();
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(decoded, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = scaled.getRGB(x, y);
                float r = (rgb >> 16) & 0xff;
                float gr = (rgb >> 8) & 0xff;
                float b = rgb & 0xff;
                int at = offset + y * w + x;
                if (shape.channels() == 1) {
                    target[at] = (0.299f * r + 0.587f * gr + 0.114f * b) / 255f;
                } else {
                    target[at] = r / 255f;
                    target[at + plane] = gr / 255f;
                    target[at + 2 * plane] = b / 255f;
                }
            }
        }
    }

    @Override
    public String description() {
        return "image folder " + root + " (" + names.size() + " identities, " + files.size() + " images)";
    }
}
