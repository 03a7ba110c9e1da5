package io.github.facenet4j.training;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.api.nn.InputNormalisation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON-lines training log ({@value Trainer#LOG_FILE}): one object per line, each with its
 * {@code type} and {@code step} first; every line is flushed as it is written, so a crash loses
 * at most the line being written. A resume first {@linkplain #cutBackTo cuts it back} to the
 * checkpoint's step, so each step appears once.
 */
final class TrainingLog implements AutoCloseable {

    private final Path file;
    private BufferedWriter writer;

    TrainingLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /**
     * Opens the log for writing, continuing it ({@code append}) or starting afresh, and writes
     * the run's {@code start} line.
     */
    void open(boolean append, Map<String, Object> start) {
        try {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        append(start);
    }

    /** Writes one line; nothing before {@link #open} or after {@link #close}. */
    void append(Map<String, Object> line) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(Json.write(line));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                // every line was flushed when written
            }
            writer = null;
        }
    }

    /**
     * The records of the log up to {@code step}, dropping (and removing from the file) what a
     * crashed run wrote after its checkpoint and any line a crash cut short. An absent log is
     * an empty history.
     */
    TrainingHistory cutBackTo(long step) {
        List<StepRecord> steps = new ArrayList<>();
        List<ValidationRecord> validations = new ArrayList<>();
        List<TrainingEvent> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return new TrainingHistory(steps, validations, events);
        }
        List<String> kept = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> m;
                try {
                    m = Json.parseObject(line);
                } catch (IllegalArgumentException e) {
                    continue; // a line cut short by a crash
                }
                if (!(m.get("step") instanceof Long at) || at > step) {
                    continue;
                }
                Object type = m.get("type");
                if ("step".equals(type)) {
                    steps.add(StepRecord.fromJson(m));
                } else if ("validation".equals(type)) {
                    validations.add(ValidationRecord.fromJson(m));
                } else if ("event".equals(type)) {
                    events.add(TrainingEvent.fromJson(m));
                }
                kept.add(line);
            }
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, kept, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException("Cannot read the training log " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("The training log " + file + " is corrupt: " + e.getMessage());
        }
        return new TrainingHistory(steps, validations, events);
    }

    private BadInputException cannotWrite(IOException e) {
        return new BadInputException("Cannot write the training log " + file + ": " + e.getMessage(), e);
    }

    /** The normalisation as JSON-ready values, as the log's start line and the checkpoint record it. */
    static Map<String, Object> describe(InputNormalisation n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel_order", n.channelOrder().label());
        m.put("mean", doubles(n.mean()));
        m.put("scale", doubles(n.scale()));
        return m;
    }

    private static List<Double> doubles(float[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add((double) v);
        }
        return list;
    }
}
