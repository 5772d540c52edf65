"""Growth maths for one series: compound annual growth, doubling time, indexing, and diffusion fits.

Pure functions on numbers and DataFrames; unit-tested against hand-computed values and known curves.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ipsdash.domain.vocabulary import qualifier_rank
from ipsdash.i18n import N_, _, formats

MIN_POINTS_TO_FIT = 3
FEW_POINTS = 6  # below this a fit is shown with a plain warning


def cagr(first: float, last: float, years: float) -> float:
    """Compound annual growth rate between two values `years` apart, as a fraction (0.26 = 26%)."""
    if years <= 0 or first <= 0 or last <= 0:
        raise ValueError("growth needs two positive values at least a year apart")
    return (last / first) ** (1 / years) - 1


def doubling_time(rate: float) -> float:
    """Years to double at a constant annual growth rate (fraction); infinite when not growing."""
    return math.log(2) / math.log1p(rate) if rate > 0 else math.inf


def one_value_per_year(points: pd.DataFrame) -> pd.DataFrame:
    """Where sources give several values for one year, keep the most exact (then the first)."""
    ordered = points.assign(_rank=points["qualifier"].map(qualifier_rank)).sort_values(["year", "_rank"], kind="stable")
    return ordered.drop_duplicates("year").drop(columns="_rank").reset_index(drop=True)


def index_to_first(values: pd.Series, base: pd.Series | float | None = None) -> pd.Series:
    """Values as an index: base (default the first value) = 100."""
    return values / (values.iloc[0] if base is None else base) * 100


@dataclass(frozen=True)
class Fit:
    """A fitted diffusion curve with its parameters and their standard errors."""

    model: str  # "exponential" or "logistic"
    params: dict[str, float]
    errors: dict[str, float]  # standard errors; nan when the fit has no spare points to estimate them
    n_points: int
    warning: str

    def predict(self, years: np.ndarray) -> np.ndarray:
        """The fitted curve at the given years."""
        if self.model == "exponential":
            return self.params["start_value"] * np.exp(self.params["rate"] * (years - self.params["start_year"]))
        return self.params["ceiling"] / (1 + np.exp(-self.params["rate"] * (years - self.params["midpoint_year"])))


def _warning(n: int) -> str:
    if n < FEW_POINTS:
        return _("This fit rests on only {n} points: treat its parameters as a sketch, not an estimate.").format(
            n=formats.number(n)
        )
    return ""


def _errors(cov: np.ndarray, names: list[str]) -> dict[str, float]:
    diag = np.diag(cov) if np.all(np.isfinite(cov)) else np.full(len(names), np.nan)
    return {name: float(np.sqrt(v)) if v >= 0 else math.nan for name, v in zip(names, diag, strict=True)}


def fit_exponential(years: np.ndarray, values: np.ndarray) -> Fit | None:
    """Least-squares y = a * exp(r (t - t0)); None with fewer than 3 points or non-positive values."""
    years, values = np.asarray(years, float), np.asarray(values, float)
    if len(years) < MIN_POINTS_TO_FIT or np.any(values <= 0):
        return None
    from scipy.optimize import OptimizeWarning, curve_fit  # only a fit pays for loading the optimiser

    t0 = years.min()
    slope, intercept = np.polyfit(years - t0, np.log(values), 1)  # log-linear start values
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OptimizeWarning)
        try:
            (a, r), cov = curve_fit(
                lambda t, a, r: a * np.exp(r * (t - t0)), years, values, p0=[math.exp(intercept), slope], maxfev=20_000
            )
        except RuntimeError:
            return None
    errors = _errors(cov, ["start_value", "rate"])
    return Fit(
        "exponential",
        {"start_value": a, "rate": r, "start_year": t0},
        errors | {"start_year": 0.0},
        len(years),
        _warning(len(years)),
    )


def fit_logistic(years: np.ndarray, values: np.ndarray) -> Fit | None:
    """Least-squares y = K / (1 + exp(-r (t - tm))); None with fewer than 3 points or if it fails."""
    years, values = np.asarray(years, float), np.asarray(values, float)
    if len(years) < MIN_POINTS_TO_FIT or np.any(values <= 0):
        return None
    from scipy.optimize import OptimizeWarning, curve_fit

    p0 = [values.max() * 1.5, 0.3, years.mean()]
    bounds = ([values.max() * 0.9, 1e-4, years.min() - 50], [values.max() * 100, 5.0, years.max() + 50])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OptimizeWarning)
        try:
            (k, r, tm), cov = curve_fit(
                lambda t, k, r, tm: k / (1 + np.exp(-r * (t - tm))), years, values, p0=p0, bounds=bounds, maxfev=20_000
            )
        except (RuntimeError, ValueError):
            return None
    return Fit(
        "logistic",
        {"ceiling": k, "rate": r, "midpoint_year": tm},
        _errors(cov, ["ceiling", "rate", "midpoint_year"]),
        len(years),
        _warning(len(years)),
    )


def adoption_curve(starts: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Cumulative number of areas with a documented programme start, year by year."""
    counts = [int((starts["year"] <= y).sum()) for y in years]
    return pd.DataFrame({"year": years, "areas": counts})


LC_COMPARISON_KEYS = [
    ("USA", "lc_programmes", 2016, "pogue2022"),
    ("USA", "lc_programmes", 2019, "pogue2022"),
    ("USA", "non_lc_programmes", 2016, "pogue2022"),
    ("USA", "non_lc_programmes", 2019, "pogue2022"),
]
LC_LABELS = {"lc_programmes": N_("Learning-community jurisdictions"), "non_lc_programmes": N_("Other US jurisdictions")}


def lc_label(metric: str) -> str:
    """The group a learning-community comparison metric counts, in the language in use."""
    return _(LC_LABELS[metric]) if metric in LC_LABELS else metric


def lc_comparison(values: pd.DataFrame) -> pd.DataFrame:
    """Growth 2016-2019 inside and outside the learning community: one row per group."""
    rows = []
    for metric, part in values.groupby("metric", sort=False):
        first, last = part.sort_values("year")["value"].tolist()
        rows.append(
            {
                "group": lc_label(metric),
                "programmes_2016": first,
                "programmes_2019": last,
                "growth_pct": (last / first - 1) * 100,
                "annual_growth_pct": cagr(first, last, 3) * 100,
                "source": part["source_short"].iloc[0] + ", " + part["locator"].iloc[0],
            }
        )
    return pd.DataFrame(rows)


def fit_curves(series: pd.DataFrame, points: int = 60) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """The exponential and logistic fits of a series (columns year, y) as lines to draw; [] if none fit."""
    lines = []
    for fit in (fit_exponential(series["year"], series["y"]), fit_logistic(series["year"], series["y"])):
        if fit:
            years = np.linspace(series["year"].min(), series["year"].max(), points)
            name = _("Exponential fit") if fit.model == "exponential" else _("Logistic fit")
            lines.append((name, years, fit.predict(years)))
    return lines
