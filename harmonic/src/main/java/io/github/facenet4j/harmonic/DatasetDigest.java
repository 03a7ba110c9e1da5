package io.github.facenet4j.harmonic;

import io.github.facenet4j.training.data.Dataset;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a data set's images and labels, in order: what cached reference embeddings are keyed by. */
public final class DatasetDigest {

    private DatasetDigest() {
    }

    /** Lower-case hex SHA-256 over each image's shape, pixel values (as float bits) and label. */
    public static String sha256(Dataset data) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
        int size = data.shape().size();
        float[] pixels = new float[size];
        ByteBuffer bytes = ByteBuffer.allocate(4 * size + 4);
        ByteBuffer shape = ByteBuffer.allocate(16).putInt(data.shape().channels()).putInt(data.shape().height())
                .putInt(data.shape().width()).putInt(data.size());
        digest.update(shape.array());
        for (int i = 0; i < data.size(); i++) {
            data.image(i, pixels, 0);
            bytes.clear();
            for (float p : pixels) {
                bytes.putFloat(p);
            }
            bytes.putInt(data.label(i));
            digest.update(bytes.array());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
