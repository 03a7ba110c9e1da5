package io.github.facenet4j.evaluators;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EvaluationInput.Pairs;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads verification pairs in the LFW {@code pairs.txt} format and maps them to rows of
 * labelled embeddings whose ids are {@code Name_0001} (name, underscore, 4-digit image number).
 *
 * <p>A line {@code name i j} is a same-identity pair, {@code name1 i name2 j} a
 * different-identity pair (fields separated by blanks or tabs). Two layouts:
 * <ul>
 * <li>the 10-fold layout: a header {@code F N} then F folds of N same and N different
 *     pairs each (LFW View 2: {@code 10 300}, 6,000 pairs); pairs keep their fold;</li>
 * <li>a simple list: optionally a header with the pair count, then pairs in any order;
 *     all pairs are in fold 0 and the evaluator deals them into folds.</li>
 * </ul>
 * A header's count must match the pair lines that follow it, a pair must join two different
 * faces, and the embeddings' labels must agree with each line: the two faces of a same pair
 * labelled alike, those of a different pair not. Anything else is refused in one line naming
 * the file and line, rather than scored as if the file were right.
 */
public final class LfwPairs {

    private LfwPairs() {
    }

    /** Reads {@code file} and maps its faces to rows of {@code embeddings}. */
    public static Pairs read(Path file, LabelledEmbeddings embeddings) {
        List<String> lines = TextLines.read(file).stream().map(String::strip).toList();
        int start = 0;
        while (start < lines.size() && lines.get(start).isEmpty()) {
            start++;
        }
        if (start == lines.size()) {
            throw new BadInputException(file + " is empty; expected LFW pairs.");
        }
        String[] header = lines.get(start).split("\\s+");
        int folds = 1;
        int perClass = 0;
        int count = -1;
        if (header.length == 2 && isNumber(header[0]) && isNumber(header[1])) {
            folds = Integer.parseInt(header[0]);
            perClass = Integer.parseInt(header[1]);
            if (folds < 1 || perClass < 1) {
                throw new BadInputException(TextLines.at(file, start) + ": header '" + lines.get(start)
                        + "' must be 'F N', F ≥ 1 folds of N ≥ 1 same and N different pairs each.");
            }
            start++;
        } else if (header.length == 1 && isNumber(header[0])) {
            count = Integer.parseInt(header[0]);
            start++;
        }
        List<String> data = lines.subList(start, lines.size()).stream().filter(l -> !l.isEmpty()).toList();
        int[] lineOf = new int[data.size()];
        for (int i = start, d = 0; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty()) {
                lineOf[d++] = i;
            }
        }
        if (perClass > 0 && data.size() != folds * 2 * perClass) {
            throw new BadInputException(file + ": header says " + folds + " folds of " + perClass + " + " + perClass
                    + " pairs (" + folds * 2 * perClass + "), but there are " + data.size() + " pair lines;"
                    + " fix the header or the list.");
        }
        if (count >= 0 && data.size() != count) {
            throw new BadInputException(file + ": header says " + count + " pairs, but there are " + data.size()
                    + " pair lines; fix the header or the list.");
        }
        int n = data.size();
        int[] first = new int[n];
        int[] second = new int[n];
        boolean[] same = new boolean[n];
        int[] fold = new int[n];
        Map<String, Integer> rows = embeddings.rowsById();
        for (int p = 0; p < n; p++) {
            String where = TextLines.at(file, lineOf[p]);
            String[] f = data.get(p).split("\\s+");
            if (f.length == 3) {
                same[p] = true;
                first[p] = embeddings.rowOf(rows, id(f[0], f[1], where), where);
                second[p] = embeddings.rowOf(rows, id(f[0], f[2], where), where);
            } else if (f.length == 4) {
                first[p] = embeddings.rowOf(rows, id(f[0], f[1], where), where);
                second[p] = embeddings.rowOf(rows, id(f[2], f[3], where), where);
            } else {
                throw new BadInputException(where + ": expected 'name i j' or 'name1 i name2 j', got '"
                        + data.get(p) + "'.");
            }
            check(embeddings, data.get(p), first[p], second[p], same[p], where);
            fold[p] = perClass > 0 ? p / (2 * perClass) : 0;
        }
        if (n == 0) {
            throw new BadInputException(file + " lists no pairs.");
        }
        return new Pairs(first, second, same, fold);
    }

    /** Refuses a self-pair, and a line the two rows' labels contradict. */
    private static void check(LabelledEmbeddings embeddings, String line, int a, int b, boolean same, String where) {
        List<String> ids = embeddings.ids();
        if (a == b) {
            throw new BadInputException(where + ": '" + line + "' pairs " + ids.get(a) + " with itself;"
                    + " a pair needs two different faces.");
        }
        int[] labels = embeddings.batch().labels();
        String labelA = embeddings.labelNames().get(labels[a]);
        String labelB = embeddings.labelNames().get(labels[b]);
        if (same != (labels[a] == labels[b])) {
            throw new BadInputException(where + ": '" + line + "' is a " + (same ? "same-identity pair"
                    : "different-identity pair (a same one is written 'name i j')") + ", but " + embeddings.source()
                    + " labels " + ids.get(a) + " '" + labelA + "' and " + ids.get(b) + " '" + labelB + "';"
                    + " fix the pairs file or the labels.");
        }
    }

    /** LFW's image id: {@code Abel_Pacheco} and {@code 1} → {@code Abel_Pacheco_0001}. */
    public static String id(String name, String number, String where) {
        if (!isNumber(number)) {
            throw new BadInputException(where + ": image number '" + number + "' is not a whole number.");
        }
        return String.format(Locale.ROOT, "%s_%04d", name, Integer.parseInt(number));
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }
}
