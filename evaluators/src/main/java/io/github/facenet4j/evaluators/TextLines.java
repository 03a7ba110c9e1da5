package io.github.facenet4j.evaluators;

import io.github.facenet4j.api.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a whole text file for the readers, turning I/O failures into one-line messages. */
final class TextLines {

    private TextLines() {
    }

    static List<String> read(Path file) {
        return text(file).lines().toList();
    }

    /** The whole file as UTF-8 text. */
    static String text(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("No such file: " + file);
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code file line n}, 1-based, for messages. */
    static String at(Path file, int index) {
        return file.getFileName() + " line " + (index + 1);
    }
}
