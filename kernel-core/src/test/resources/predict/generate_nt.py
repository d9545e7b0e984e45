"""Fixture for PredictorNeuralTangentsTest: neural-tangents' gradient_descent_mse_ensemble and
gp_inference formulas (neural_tangents/_src/predict.py), transcribed einsum by einsum in numpy
(jax is not needed), on small synthetic PSD kernels. Run: python3 generate_nt.py"""
import numpy as np

rng = np.random.default_rng(5)
N, M, k, d = 7, 4, 3, 3
x = rng.normal(size=(N + M, d))
sq = ((x[:, None, :] - x[None, :, :]) ** 2).sum(-1)
nngp = np.exp(-sq / (2 * 1.3 ** 2)) + 0.1
ntk = 2 * np.exp(-sq / (2 * 0.8 ** 2)) + x @ x.T / d
y = np.eye(k)[rng.integers(0, k, size=N)]
learning_rate, diag_reg = 0.7, 0.01
ts = np.array([0.0, 0.5, 3.0, 40.0])

dd, td, tt = np.s_[:N, :N], np.s_[N:, :N], np.s_[N:, N:]


def add_diagonal_regularizer(A, diag_reg):  # diag_reg_absolute_scale=False
    return A + diag_reg * np.trace(A) / A.shape[0] * np.eye(A.shape[0])


def expm1_fn(evals, t):
    return np.expm1(-np.maximum(evals, 0.) * t / y.size)


def inv_expm1_fn(evals, t):
    return expm1_fn(evals, t) / np.abs(evals)


out = {}
kernels = {'nngp': nngp, 'ntk': ntk}
t = (ts * learning_rate).reshape((-1, 1))
for g, kern in kernels.items():
    evals, evecs = np.linalg.eigh(add_diagonal_regularizer(kern[dd], diag_reg))
    evals = evals[None, :]
    ktd_g = kern[td]
    neg_inv_expm1 = -inv_expm1_fn(evals, t)
    mean = np.einsum('lj,ji,ti,ki,k...->tl...', ktd_g, evecs, neg_inv_expm1, evecs, y)
    nngp_dd = nngp[dd]
    _nngp_tt = nngp[tt][None]
    if g == 'nngp':
        cov = _nngp_tt - np.einsum('mj,ji,ti,ki,lk->tml', ktd_g, evecs, -inv_expm1_fn(evals, 2 * t), evecs, ktd_g)
    else:
        term_1 = np.einsum('mi,ti,ki,lk->tml', evecs, neg_inv_expm1, evecs, ktd_g)
        term_2 = np.einsum('mj,ji,ti,ki,lk->tml', ktd_g, evecs, neg_inv_expm1, evecs, nngp[td])
        term_2 += np.moveaxis(term_2, 1, 2)
        cov = np.einsum('tji,jk,tkl->til', term_1, nngp_dd, term_1)
        cov += -term_2 + _nngp_tt
    out['mean_' + g], out['cov_' + g] = mean, cov

    # t = None: gp_inference with a Cholesky solve of the regularised Gram
    A = add_diagonal_regularizer(kern[dd], diag_reg)
    solve = lambda b: np.linalg.solve(A, b)  # cho_solve in NT; same solution
    out['mean_inf_' + g] = ktd_g @ solve(y)
    k_td_g_inv_y = solve(nngp[td].T)
    if g == 'nngp':
        out['cov_inf_' + g] = nngp[tt] - ktd_g @ k_td_g_inv_y
    else:
        term_1 = solve(ktd_g.T)
        c = term_1.T @ nngp_dd @ term_1
        term_2 = ktd_g @ k_td_g_inv_y
        out['cov_inf_' + g] = c - (term_2 + term_2.T) + nngp[tt]

np.savez('nt_gd_mse_ensemble.npz', k_dd_nngp=nngp[dd], k_dd_ntk=ntk[dd], k_td_nngp=nngp[td], k_td_ntk=ntk[td],
         k_tt_nngp=nngp[tt], y=y, ts=ts, learning_rate=np.array(learning_rate), diag_reg=np.array(diag_reg), **out)
