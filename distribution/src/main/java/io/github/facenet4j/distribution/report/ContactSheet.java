package io.github.facenet4j.distribution.report;

import io.github.facenet4j.distribution.AtomicFiles;
import io.github.facenet4j.faces.FaceBox;
import io.github.facenet4j.faces.RgbImage;
import io.github.facenet4j.reports.Html;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * One self-contained HTML page showing how faces were grouped: a row of aligned crops per
 * group, then every photo with its numbered face boxes coloured by group. Images are PNG
 * data URIs, so the page needs no other file. Written atomically: a reader never sees half
 * a page, and an old page survives a failed write.
 */
public final class ContactSheet {

    /** Longest side of a photo on the page, in pixels. */
    private static final int PHOTO_SIDE = 480;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
            new Color(0xbcbd22), new Color(0x7f7f7f)};

    /** The common style sheet widened to the window for rows of photos, and the figure and group styles. */
    private static final String CSS = "body{max-width:none;margin:2em}"
            + "figure{display:inline-block;margin:4px;text-align:center;font-size:12px}"
            + ".group{border-left:6px solid;padding-left:8px;margin:12px 0}.photos figure{vertical-align:top}";

    /** A photo and the faces found in it. */
    public record Photo(String name, RgbImage image, List<Face> faces) {
    }

    /** One face: its box in the photo, its aligned crop, its group. */
    public record Face(int index, FaceBox box, RgbImage crop, int group) {
    }

    private ContactSheet() {
    }

    /** Writes the page for {@code photos} to {@code file}; {@code title} heads it. */
    public static void write(String title, List<Photo> photos, Path file) {
        System.setProperty("java.awt.headless", "true");
        AtomicFiles.writeString(file, page(title, photos));
    }

    static String page(String title, List<Photo> photos) {
        Map<Integer, List<String>> groups = new TreeMap<>();
        int faces = 0;
        for (Photo photo : photos) {
            for (Face face : photo.faces()) {
                faces++;
                groups.computeIfAbsent(face.group(), g -> new ArrayList<>()).add(
                        "<figure><img src=\"" + cropUri(face.crop()) + "\" width=\"112\" height=\"112\" alt=\"\">"
                                + "<figcaption>" + Html.escape(photo.name()) + " #" + face.index()
                                + "</figcaption></figure>");
            }
        }
        StringBuilder h = new StringBuilder();
        h.append("<h1>").append(Html.escape(title)).append("</h1>\n<p>").append(faces).append(" faces in ")
                .append(photos.size()).append(" photos, ").append(groups.size()).append(" groups.</p>\n");
        h.append("<h2>Groups</h2>\n");
        List<String> seenOnce = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> group : groups.entrySet()) {
            if (group.getValue().size() == 1) {
                seenOnce.addAll(group.getValue());
                continue;
            }
            h.append("<div class=\"group\" style=\"border-color:").append(hex(color(group.getKey()))).append("\">")
                    .append("<h3>Group ").append(group.getKey() + 1).append(" (").append(group.getValue().size())
                    .append(" faces)</h3>").append(String.join("", group.getValue())).append("</div>\n");
        }
        if (!seenOnce.isEmpty()) {
            h.append("<div class=\"group\" style=\"border-color:#ccc\"><h3>Seen once (").append(seenOnce.size())
                    .append(seenOnce.size() == 1 ? " face" : " faces").append(", each its own group)</h3>")
                    .append(String.join("", seenOnce)).append("</div>\n");
        }
        h.append("<h2>Photos</h2>\n<div class=\"photos\">");
        for (Photo photo : photos) {
            h.append("<figure><img src=\"").append(png(photo.image(), photo.faces())).append("\" alt=\"\">")
                    .append("<figcaption>").append(Html.escape(photo.name())).append(": ").append(photo.faces().size())
                    .append(photo.faces().size() == 1 ? " face" : " faces").append("</figcaption></figure>");
        }
        h.append("</div>\n");
        return Html.page(title, CSS, h.toString());
    }

    private static Color color(int group) {
        return PALETTE[Math.floorMod(group, PALETTE.length)];
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%06x", c.getRGB() & 0xffffff);
    }

    /** A photo scaled to fit {@link #PHOTO_SIDE}, its face boxes drawn and numbered. */
    private static String png(RgbImage image, List<Face> faces) {
        double scale = Math.min(1.0, (double) PHOTO_SIDE / Math.max(image.width(), image.height()));
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.drawImage(buffered(image), 0, 0, w, h, null);
            g.setStroke(new BasicStroke(2f));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            for (Face face : faces) {
                FaceBox b = face.box();
                g.setColor(color(face.group()));
                int x = (int) Math.round(b.x() * scale);
                int y = (int) Math.round(b.y() * scale);
                g.drawRect(x, y, (int) Math.round(b.width() * scale), (int) Math.round(b.height() * scale));
                g.drawString("#" + face.index(), x + 2, Math.max(12, y - 3));
            }
        } finally {
            g.dispose();
        }
        return dataUri(out);
    }

    private static String cropUri(RgbImage image) {
        return dataUri(buffered(image));
    }

    /** The image as an 8-bit RGB {@link BufferedImage} (for writing it with ImageIO). */
    public static BufferedImage buffered(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        int[] row = new int[image.width()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                row[x] = image.get(x, y, 0) << 16 | image.get(x, y, 1) << 8 | image.get(x, y, 2);
            }
            out.setRGB(0, y, image.width(), 1, row, 0, image.width());
        }
        return out;
    }

    private static String dataUri(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding in memory failed", e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
