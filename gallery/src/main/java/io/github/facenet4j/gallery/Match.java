package io.github.facenet4j.gallery;

/**
 * One gallery entry found for a query, with its squared L2 distance to the query (the
 * distance FaceNet thresholds, 0 … 4 between unit vectors).
 *
 * @param id       the entry's id
 * @param identity the entry's identity
 * @param source   where the entry came from
 * @param distance squared L2 distance to the query
 */
public record Match(String id, String identity, String source, double distance) {
}
