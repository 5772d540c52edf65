"""Growth maths against hand-computed values, and fits on curves with known parameters."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from ipsdash.domain import growth_rates as growth


def test_cagr_matches_hand_computation():
    # 272 -> 486 over 2016-2019: (486/272)^(1/3) - 1 = 0.21345...
    assert growth.cagr(272, 486, 3) == pytest.approx(0.21345, abs=1e-5)
    assert growth.cagr(100, 200, 1) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        growth.cagr(0, 10, 3)


def test_doubling_time():
    assert growth.doubling_time(1.0) == pytest.approx(1.0)
    assert growth.doubling_time(0.26) == pytest.approx(math.log(2) / math.log(1.26))  # ~3.0 years
    assert growth.doubling_time(0.0) == math.inf


def test_index_and_one_value_per_year():
    assert growth.index_to_first(pd.Series([50.0, 75.0, 100.0])).tolist() == [100.0, 150.0, 200.0]
    points = pd.DataFrame(
        {"year": [2019, 2019, 2016], "value": [850.0, 857.0, 523.0], "qualifier": ["at_least", "exact", "exact"]}
    )
    assert growth.one_value_per_year(points)["value"].tolist() == [523.0, 857.0]


def test_exponential_fit_recovers_a_known_curve():
    years = np.arange(2000, 2011)
    values = 10 * np.exp(0.2 * (years - 2000))
    fit = growth.fit_exponential(years, values)
    assert fit.params["rate"] == pytest.approx(0.2, rel=1e-6)
    assert fit.params["start_value"] == pytest.approx(10, rel=1e-6)
    assert fit.warning == ""
    assert fit.predict(np.array([2005.0]))[0] == pytest.approx(10 * math.exp(1.0), rel=1e-6)


def test_logistic_fit_recovers_a_known_curve():
    years = np.arange(1995, 2026, 2, dtype=float)
    values = 30 / (1 + np.exp(-0.4 * (years - 2010)))
    fit = growth.fit_logistic(years, values)
    assert fit.params["ceiling"] == pytest.approx(30, rel=1e-3)
    assert fit.params["rate"] == pytest.approx(0.4, rel=1e-3)
    assert fit.params["midpoint_year"] == pytest.approx(2010, abs=0.01)


def test_fits_need_three_points_and_warn_when_few():
    assert growth.fit_exponential(np.array([2016, 2019]), np.array([523, 857])) is None
    fit = growth.fit_exponential(np.array([2001, 2013, 2020]), np.array([3.0, 16.0, 24.0]))
    assert fit is not None and "only 3 points" in fit.warning
