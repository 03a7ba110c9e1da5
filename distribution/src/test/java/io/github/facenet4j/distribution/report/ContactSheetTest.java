package io.github.facenet4j.distribution.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.faces.FaceBox;
import io.github.facenet4j.faces.RgbImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContactSheetTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static RgbImage grey(int side) {
        byte[] pixels = new byte[side * side * 3];
        java.util.Arrays.fill(pixels, (byte) 128);
        return new RgbImage(side, side, pixels);
    }

    @Test
    void pageGroupsFacesPutsSingletonsTogetherAndEscapesNames() {
        FaceBox box = new FaceBox(1, 1, 4, 4, 0.9);
        List<ContactSheet.Photo> photos = List.of(
                new ContactSheet.Photo("a&b.jpg", grey(8), List.of(new ContactSheet.Face(1, box, grey(4), 0),
                        new ContactSheet.Face(2, box, grey(4), 1))),
                new ContactSheet.Photo("<c>.jpg", grey(8), List.of(new ContactSheet.Face(1, box, grey(4), 0))));
        String page = ContactSheet.page("demo <x>", photos);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<title>demo &lt;x&gt;</title>",
                "<h1>demo &lt;x&gt;</h1>", "<p>3 faces in 2 photos, 2 groups.</p>",
                "<div class=\"group\" style=\"border-color:#1f77b4\"><h3>Group 1 (2 faces)</h3>",
                "<h3>Seen once (1 face, each its own group)</h3>", "<figcaption>a&amp;b.jpg #2</figcaption>",
                "<figcaption>&lt;c&gt;.jpg: 1 face</figcaption>", "<figcaption>a&amp;b.jpg: 2 faces</figcaption>",
                "body{max-width:none;margin:2em}", "Written by facenet4j.")
                .doesNotContain("<c>");
        // two photos and three crops, each a PNG data URI
        assertThat(page.split("src=\"data:image/png;base64,", -1)).hasSize(6);
    }
}
