package io.github.facenet4j.faces;

import io.github.facenet4j.api.BadInputException;
import java.util.List;

/**
 * A similarity transform of the plane: rotation, uniform scale and translation, no
 * reflection. It maps (x, y) to (a·x − b·y + tx, b·x + a·y + ty), where a = s·cos θ and
 * b = s·sin θ for scale s and angle θ (with y down, a positive angle turns clockwise on
 * screen).
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {

    public SimilarityTransform {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(tx) || !Double.isFinite(ty)
                || (a == 0 && b == 0)) {
            throw new BadInputException("A similarity transform needs finite values and a scale > 0, got a=" + a
                    + ", b=" + b + ", tx=" + tx + ", ty=" + ty);
        }
    }

    /** The transform that scales by {@code scale}, turns by {@code angle} (radians), then shifts. */
    public static SimilarityTransform of(double scale, double angle, double tx, double ty) {
        return new SimilarityTransform(scale * Math.cos(angle), scale * Math.sin(angle), tx, ty);
    }

    /**
     * The similarity transform T minimising Σ‖T(from[i]) − to[i]‖², by Umeyama's closed form
     * (S. Umeyama, "Least-squares estimation of transformation parameters between two point
     * patterns", IEEE TPAMI 13(4):376–380, 1991, Eqs. 40–42) restricted to rotations (det R = +1,
     * no reflection). In two dimensions the SVD of the covariance Σ = (1/n) Σ (to − μ_to)(from −
     * μ_from)ᵀ is not needed: tr(RᵀΣ) = p·cos θ + q·sin θ with p = Σ₁₁ + Σ₂₂ and q = Σ₂₁ − Σ₁₂,
     * largest at θ = atan2(q, p), where it equals tr(DS) = √(p² + q²); so s = √(p² + q²) / σ²_from,
     * that is a = p / σ²_from, b = q / σ²_from, and t = μ_to − sRμ_from.
     *
     * @throws BadInputException if the lists differ in length, hold fewer than two points, or
     *                           either set of points has no spread (all points equal)
     */
    public static SimilarityTransform estimate(List<Point> from, List<Point> to) {
        if (from.size() != to.size()) {
            throw new BadInputException("A similarity transform maps point to point; got " + from.size()
                    + " source and " + to.size() + " target points");
        }
        if (from.size() < 2) {
            throw new BadInputException("A similarity transform needs at least 2 point pairs, got " + from.size());
        }
        int n = from.size();
        Point mf = Point.mean(from);
        Point mt = Point.mean(to);
        double varFrom = 0;
        double varTo = 0;
        double s11 = 0;
        double s12 = 0;
        double s21 = 0;
        double s22 = 0;
        for (int i = 0; i < n; i++) {
            double fx = from.get(i).x() - mf.x();
            double fy = from.get(i).y() - mf.y();
            double gx = to.get(i).x() - mt.x();
            double gy = to.get(i).y() - mt.y();
            varFrom += fx * fx + fy * fy;
            varTo += gx * gx + gy * gy;
            s11 += gx * fx;
            s12 += gx * fy;
            s21 += gy * fx;
            s22 += gy * fy;
        }
        requireSpread(varFrom, from, "source");
        requireSpread(varTo, to, "target");
        // Σ and σ² share the factor 1/n, which cancels in a and b.
        double a = (s11 + s22) / varFrom;
        double b = (s21 - s12) / varFrom;
        if (a == 0 && b == 0) {
            throw new BadInputException("The target points are uncorrelated with the source points; no rotation "
                    + "and scale fit them");
        }
        return new SimilarityTransform(a, b, mt.x() - (a * mf.x() - b * mf.y()), mt.y() - (b * mf.x() + a * mf.y()));
    }

    /** Points that all coincide (up to rounding of their mean) determine no scale or rotation. */
    private static void requireSpread(double variance, List<Point> points, String which) {
        double largest = 0;
        for (Point p : points) {
            largest = Math.max(largest, Math.max(Math.abs(p.x()), Math.abs(p.y())));
        }
        if (!(variance > 1e-20 * largest * largest * points.size())) {
            throw new BadInputException("The " + points.size() + " " + which + " points all lie at one place ("
                    + points.get(0) + "); a similarity transform needs points that are spread out");
        }
    }

    /** The image of a point. */
    public Point apply(Point p) {
        return new Point(a * p.x() - b * p.y() + tx, b * p.x() + a * p.y() + ty);
    }

    /** The scale factor s. */
    public double scale() {
        return Math.hypot(a, b);
    }

    /** The rotation angle θ in radians, in (−π, π]. */
    public double angle() {
        return Math.atan2(b, a);
    }

    /** The transform that undoes this one. */
    public SimilarityTransform inverse() {
        double s2 = a * a + b * b;
        double ia = a / s2;
        double ib = -b / s2;
        return new SimilarityTransform(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }

    /** This transform applied after {@code first}: p ↦ this(first(p)). */
    public SimilarityTransform after(SimilarityTransform first) {
        return new SimilarityTransform(a * first.a - b * first.b, b * first.a + a * first.b,
                a * first.tx - b * first.ty + tx, b * first.tx + a * first.ty + ty);
    }
}
