"""Colours drawn side by side stay distinguishable for readers with a colour-vision deficiency.

Each set of colours that one chart shows together is passed through a simulation of protanopia,
deuteranopia and tritanopia (colorspacious, full severity) and every pair must stay at least
MIN_DISTANCE apart in CAM02-UCS, the perceptual space colorspacious measures differences in
(about 1 is a just-noticeable difference; categories a reader must tell apart at a glance need far more).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from ipsdash.domain.adoption import MEASURES
from ipsdash.figures import evidence_charts as evidence
from ipsdash.figures import fidelity_charts as fidelity
from ipsdash.figures import style

MIN_DISTANCE = 10.0
VISION = [None, "protanomaly", "deuteranomaly", "tritanomaly"]  # severity 100: protanopia etc.

COLOURS_SHOWN_TOGETHER = {
    "series palette": style.PALETTE,
    **{f"map: {key}": [style.LAND, *(c.colour for c in m.categories)] for key, m in MEASURES.items()},
    "trial arms": [evidence.IPS_COLOUR, evidence.CONTROL_COLOUR],
    "fidelity points and fit": [style.PALETTE[0], fidelity.FIT_COLOUR],
}


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])


def _seen(colour: str, vision: str | None) -> np.ndarray:
    if vision is None:
        return _rgb(colour)
    simulated = cspace_convert(_rgb(colour), {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}, "sRGB1")
    return np.clip(simulated, 0, 1)


def test_the_simulation_tells_a_known_confusion_apart_from_a_safe_pair():
    # Red and green look alike to a deuteranope; blue and orange do not. If this fails, the test below means nothing.
    assert deltaE(_seen("#d62728", "deuteranomaly"), _seen("#2ca02c", "deuteranomaly"), "sRGB1") < MIN_DISTANCE
    assert deltaE(_seen("#0072b2", "deuteranomaly"), _seen("#e69f00", "deuteranomaly"), "sRGB1") > MIN_DISTANCE


@pytest.mark.parametrize("vision", VISION, ids=lambda v: v or "typical")
@pytest.mark.parametrize("name", sorted(COLOURS_SHOWN_TOGETHER))
def test_colours_shown_together_stay_apart(name, vision):
    colours = list(dict.fromkeys(COLOURS_SHOWN_TOGETHER[name]))
    too_close = [
        f"{a} and {b}: {distance:.1f}"
        for a, b in itertools.combinations(colours, 2)
        if (distance := deltaE(_seen(a, vision), _seen(b, vision), "sRGB1")) < MIN_DISTANCE
    ]
    assert not too_close, f"{name} under {vision or 'typical vision'}: {too_close}"
