"""The map's t-SNE affinities stay finite when points sit far from each other."""
import warnings

import numpy as np

from generator.analysis.layout import _conditional_p


def test_affinities_are_finite_when_every_neighbour_is_far():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 8)) * 30  # squared distances in the thousands
    d2 = ((x[:, None] - x[None]) ** 2).sum(-1)  # zero diagonal: below every row's minimum
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow in exp is a failure
        p = _conditional_p(d2, 30.0)
    assert np.isfinite(p).all()
    assert np.allclose(p.sum(axis=1), 1.0)
    assert (np.diag(p) == 0).all()
