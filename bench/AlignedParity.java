import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The aligned-crop parity check of bench/aligned-parity.sh: {@code png DIR OUT} writes each
 * 150×150 RGB fixture (models/src/test/resources/parity/*.rgb) as a PNG; {@code diff A.csv B.csv}
 * prints the largest |difference| between two `facenet embed` CSVs of the same crops.
 */
public class AlignedParity {
    public static void main(String[] args) throws IOException {
        if (args[0].equals("png")) {
            try (var files = Files.list(Path.of(args[1]))) {
                for (Path rgb : files.filter(p -> p.toString().endsWith(".rgb")).sorted().toList()) {
                    byte[] b = Files.readAllBytes(rgb);
                    BufferedImage image = new BufferedImage(150, 150, BufferedImage.TYPE_INT_RGB);
                    for (int i = 0; i < 150 * 150; i++) {
                        int rgbValue = (b[3 * i] & 255) << 16 | (b[3 * i + 1] & 255) << 8 | (b[3 * i + 2] & 255);
                        image.setRGB(i % 150, i / 150, rgbValue);
                    }
                    String name = rgb.getFileName().toString().replace(".rgb", ".png");
                    ImageIO.write(image, "png", Path.of(args[2]).resolve(name).toFile());
                }
            }
        } else {
            List<double[]> a = embeddings(Path.of(args[1]));
            List<double[]> b = embeddings(Path.of(args[2]));
            double worst = 0;
            for (int i = 0; i < a.size(); i++) {
                for (int j = 0; j < a.get(i).length; j++) {
                    worst = Math.max(worst, Math.abs(a.get(i)[j] - b.get(i)[j]));
                }
            }
            System.out.printf("%d faces, max |Δ| = %.2e%n", a.size(), worst);
        }
    }

    /** The e0… columns of an embeddings CSV, row by row. */
    private static List<double[]> embeddings(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        int first = List.of(header).indexOf("e0");
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double[] e = new double[header.length - first];
            for (int j = 0; j < e.length; j++) {
                e[j] = Double.parseDouble(cells[first + j]);
            }
            rows.add(e);
        }
        return rows;
    }
}
