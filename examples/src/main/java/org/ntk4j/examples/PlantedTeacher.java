package org.ntk4j.examples;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;

/**
 * A planted linear teacher for the parameter-symmetry experiments: inputs {@code x ~ N(0, I_d)},
 * targets {@code y = x·W*ᵀ} with {@code W* = diag(s)·V} (k × d), V orthonormal rows (Gram–Schmidt of
 * Gaussian rows), so W*'s singular values are {@code s}. A student learns one singular direction per
 * loss drop.
 */
record PlantedTeacher(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest, double[] weights) {
    static PlantedTeacher of(int dim, double[] singular, int train, int test, long seed) {
        Ntk4j.init();
        SplittableRandom r = new SplittableRandom(seed);
        int k = singular.length;
        double[][] v = new double[k][dim];
        for (int a = 0; a < k; a++) {
            for (int i = 0; i < dim; i++) {
                v[a][i] = r.nextGaussian();
            }
            for (int b = 0; b < a; b++) {
                double dot = 0;
                for (int i = 0; i < dim; i++) {
                    dot += v[a][i] * v[b][i];
                }
                for (int i = 0; i < dim; i++) {
                    v[a][i] -= dot * v[b][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < dim; i++) {
                norm += v[a][i] * v[a][i];
            }
            for (int i = 0; i < dim; i++) {
                v[a][i] /= Math.sqrt(norm);
            }
        }
        for (int a = 0; a < k; a++) {
            for (int i = 0; i < dim; i++) {
                v[a][i] *= singular[a];
            }
        }
        double[] w = new double[k * dim];
        for (int a = 0; a < k; a++) {
            System.arraycopy(v[a], 0, w, a * dim, dim);
        }
        INDArray[] xs = {whiten(gaussian(r, train, dim)), gaussian(r, test, dim)};
        INDArray[] ys = new INDArray[2];
        for (int s = 0; s < 2; s++) {
            int n = (int) xs[s].size(0);
            double[] x = xs[s].dup('c').data().asDouble();
            double[] y = new double[n * k];
            for (int e = 0; e < n; e++) {
                for (int a = 0; a < k; a++) {
                    double t = 0;
                    for (int i = 0; i < dim; i++) {
                        t += x[e * dim + i] * w[a * dim + i];
                    }
                    y[e * k + a] = t;
                }
            }
            ys[s] = Nd4j.create(y, new long[] {n, k}, 'c');
        }
        return new PlantedTeacher(xs[0], ys[0], xs[1], ys[1], w);
    }

    /** The same teacher on inputs times {@code c} (targets times c too: the teacher is linear). */
    PlantedTeacher scaled(double c) {
        return new PlantedTeacher(xTrain.mul(c), yTrain.mul(c), xTest.mul(c), yTest.mul(c), weights);
    }

    /** The rows times {@code C^{−1/2}}, C their second-moment matrix: exactly white training inputs, decoupled modes. */
    static INDArray whiten(INDArray x) {
        int n = (int) x.size(0);
        int d = (int) x.size(1);
        double[] a = x.dup('c').data().asDouble();
        double[] c = new double[d * d];
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    c[i * d + j] += a[e * d + i] * a[e * d + j] / n;
                }
            }
        }
        double[] v = new double[d * d];
        double[] l = org.ntk4j.symmetry.parameter.Spectra.symmetricEigen(c, d, v);
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += v[i * d + k] * v[j * d + k] / Math.sqrt(l[k]);
                }
                m[i * d + j] = s;
            }
        }
        double[] out = new double[n * d];
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += a[e * d + i] * m[i * d + j];
                }
                out[e * d + j] = s;
            }
        }
        return Nd4j.create(out, new long[] {n, d}, 'c');
    }

    private static INDArray gaussian(SplittableRandom r, int n, int dim) {
        double[] d = new double[n * dim];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian();
        }
        return Nd4j.create(d, new long[] {n, dim}, 'c');
    }
}
