package io.github.facenet4j.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.faces.RgbImage;
import org.junit.jupiter.api.Test;

/** Orientation on a 3×2 image whose pixels are numbered, checked against the EXIF 2.32 table. */
class OrientationTest {

    /** Pixel k has R = k: stored rows are 0 1 2 / 3 4 5. */
    private static RgbImage numbered() {
        byte[] p = new byte[18];
        for (int k = 0; k < 6; k++) {
            p[3 * k] = (byte) k;
            p[3 * k + 1] = (byte) (10 + k);
            p[3 * k + 2] = (byte) (20 + k);
        }
        return new RgbImage(3, 2, p);
    }

    private static int[][] rows(RgbImage image) {
        int[][] rows = new int[image.height()][image.width()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                rows[y][x] = image.get(x, y, 0);
                assertThat(image.get(x, y, 1)).isEqualTo(10 + rows[y][x]);
                assertThat(image.get(x, y, 2)).isEqualTo(20 + rows[y][x]);
            }
        }
        return rows;
    }

    @Test
    void allEightOrientations() {
        RgbImage in = numbered();
        assertThat(Orientation.apply(in, 1)).isSameAs(in);
        assertThat(rows(Orientation.apply(in, 2))).isEqualTo(new int[][] {{2, 1, 0}, {5, 4, 3}});
        assertThat(rows(Orientation.apply(in, 3))).isEqualTo(new int[][] {{5, 4, 3}, {2, 1, 0}});
        assertThat(rows(Orientation.apply(in, 4))).isEqualTo(new int[][] {{3, 4, 5}, {0, 1, 2}});
        assertThat(rows(Orientation.apply(in, 5))).isEqualTo(new int[][] {{0, 3}, {1, 4}, {2, 5}});
        assertThat(rows(Orientation.apply(in, 6))).isEqualTo(new int[][] {{3, 0}, {4, 1}, {5, 2}});
        assertThat(rows(Orientation.apply(in, 7))).isEqualTo(new int[][] {{5, 2}, {4, 1}, {3, 0}});
        assertThat(rows(Orientation.apply(in, 8))).isEqualTo(new int[][] {{2, 5}, {1, 4}, {0, 3}});
    }

    @Test
    void rejectsValuesOutsideTheTable() {
        assertThatThrownBy(() -> Orientation.apply(numbered(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Orientation.apply(numbered(), 9)).isInstanceOf(IllegalArgumentException.class);
    }
}
