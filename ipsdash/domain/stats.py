"""Least-squares line with its 95% confidence band, and the correlation, for the fidelity scatter."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LineFit:
    """y = intercept + slope * x, with Pearson r, n, and a 95% band for the fitted mean."""

    slope: float
    intercept: float
    r: float
    n: int
    x: np.ndarray
    low: np.ndarray
    high: np.ndarray


def fit_line(x: np.ndarray, y: np.ndarray, points: int = 50, span: tuple[float, float] | None = None) -> LineFit | None:
    """Ordinary least squares of y on x, drawn over `span` (default: the range of x); None with fewer
    than 3 points or no spread in x."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    n = len(x)
    if n < 3 or np.ptp(x) == 0:
        return None
    slope, intercept = np.polyfit(x, y, 1)
    r = float(np.corrcoef(x, y)[0, 1])
    grid = np.linspace(*(span or (x.min(), x.max())), points)
    residual_sd = np.sqrt(np.sum((y - (intercept + slope * x)) ** 2) / (n - 2))
    se_mean = residual_sd * np.sqrt(1 / n + (grid - x.mean()) ** 2 / np.sum((x - x.mean()) ** 2))
    from scipy.special import stdtrit  # t quantiles; loaded by the first band drawn, not by every page (14 MiB)

    t = stdtrit(n - 2, 0.975)
    fitted = intercept + slope * grid
    return LineFit(slope, intercept, r, n, grid, fitted - t * se_mean, fitted + t * se_mean)
