package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.distribution.report.ContactSheet;
import io.github.facenet4j.evaluators.ClustersCsv;
import io.github.facenet4j.faces.FacePipeline.Face;
import io.github.facenet4j.faces.RgbImage;
import io.github.facenet4j.gallery.Clusterer;
import io.github.facenet4j.gallery.Clusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The faces of some photos grouped by a clusterer plugin, for {@code demo} and {@code cluster}:
 * the contact sheet's photos, the table of groups, the clusters CSV and the JSON faces.
 */
final class FaceGroups {

    /**
     * A photo and its faces.
     *
     * @param id    how {@code embed} names its faces' file ({@code id} column: {@code ID#index})
     * @param name  the name shown on the sheet and in the table
     * @param image the decoded photo
     * @param faces the faces found in it
     */
    record Photo(String id, String name, RgbImage image, List<Face> faces) {
        Photo {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(image, "image");
            faces = List.copyOf(faces);
        }
    }

    private final List<Photo> photos;
    private final Clusters clusters;

    private FaceGroups(List<Photo> photos, Clusters clusters) {
        this.photos = photos;
        this.clusters = clusters;
    }

    /** Clusters every face of {@code photos} with {@code clusterer} at {@code threshold}. */
    static FaceGroups cluster(List<Photo> photos, Clusterer clusterer, Clusterer.Threshold threshold) {
        float[][] embeddings = photos.stream().flatMap(p -> p.faces().stream()).map(Face::embedding)
                .toArray(float[][]::new);
        return new FaceGroups(List.copyOf(photos), clusterer.cluster(embeddings, threshold));
    }

    Clusters clusters() {
        return clusters;
    }

    int faces() {
        return clusters.ids().length;
    }

    /** The contact sheet's photos, each face with its cluster. */
    List<ContactSheet.Photo> sheet() {
        int[] ids = clusters.ids();
        List<ContactSheet.Photo> sheet = new ArrayList<>();
        int k = 0;
        for (Photo photo : photos) {
            List<ContactSheet.Face> faces = new ArrayList<>();
            for (Face face : photo.faces()) {
                faces.add(new ContactSheet.Face(face.index(), face.box(), face.crop(), ids[k++]));
            }
            sheet.add(new ContactSheet.Photo(photo.name(), photo.image(), faces));
        }
        return sheet;
    }

    /** GROUP, FACES, MEMBERS (NAME#index): groups of two or more by size, then one row of those seen once. */
    String table() {
        int[] ids = clusters.ids();
        Map<Integer, List<String>> members = new TreeMap<>();
        int k = 0;
        for (Photo photo : photos) {
            for (Face face : photo.faces()) {
                members.computeIfAbsent(ids[k++], g -> new ArrayList<>()).add(photo.name() + "#" + face.index());
            }
        }
        Table table = new Table("GROUP", "FACES", "MEMBERS");
        List<String> seenOnce = new ArrayList<>();
        members.forEach((g, list) -> {
            if (list.size() > 1) {
                table.row(g + 1, list.size(), String.join(" ", list));
            } else {
                seenOnce.addAll(list);
            }
        });
        if (!seenOnce.isEmpty()) {
            table.row("-", seenOnce.size(), "seen once: " + String.join(" ", seenOnce));
        }
        return table.render();
    }

    /** The clusters CSV {@link ClustersCsv} reads: {@code id,cluster}, ids as {@code embed} writes them. */
    String csv() {
        List<String> faceIds = new ArrayList<>();
        for (Photo photo : photos) {
            for (Face face : photo.faces()) {
                faceIds.add(photo.id() + "#" + face.index());
            }
        }
        return ClustersCsv.write(faceIds, clusters.ids());
    }

    /** One map per face: file, index, box, cluster. */
    List<Map<String, Object>> json() {
        int[] ids = clusters.ids();
        List<Map<String, Object>> faces = new ArrayList<>();
        int k = 0;
        for (Photo photo : photos) {
            for (Face face : photo.faces()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("file", photo.id());
                entry.put("index", face.index());
                entry.put("box", FaceCommand.boxArray(face.box()));
                entry.put("cluster", ids[k++]);
                faces.add(entry);
            }
        }
        return faces;
    }
}
