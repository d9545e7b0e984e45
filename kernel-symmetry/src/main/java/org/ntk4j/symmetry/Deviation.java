package org.ntk4j.symmetry;

/**
 * Relative deviations of a kernel under a group: {@code max|K(τ·) − K(·)| / max|K(·)|} over all
 * entries and sampled τ, for the NNGP and the NTK separately ({@code ntk} is NaN when not computed).
 */
public record Deviation(double nngp, double ntk, int samples) {
    /** The larger of the two (NaN-free: a missing NTK is ignored). */
    public double max() {
        return Double.isNaN(ntk) ? nngp : Math.max(nngp, ntk);
    }

    /** The element-wise larger of two deviations, with their sample counts added. */
    Deviation combine(Deviation o) {
        return new Deviation(Math.max(nngp, o.nngp), Math.max(ntk, o.ntk), samples + o.samples);
    }

    /** One JSON object, {@code {"nngp":…,"ntk":…,"max":…,"samples":…}} (a missing NTK is null). */
    public String json() {
        return String.format(java.util.Locale.ROOT, "{\"nngp\":%s,\"ntk\":%s,\"max\":%s,\"samples\":%d}",
                number(nngp), number(ntk), number(max()), samples);
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Deviation[nngp %.3e, ntk %.3e, %d sample(s)]", nngp, ntk, samples);
    }
}
