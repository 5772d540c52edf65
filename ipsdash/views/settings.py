"""Settings of each view as a small dataclass, parsed by one function per view from a page's URL
parameters and from a talk slide's `with:` alike, so both report the same problems in the same words.

Raw values are normalised at the edge: a URL gives lists of strings, YAML gives numbers, booleans,
strings or lists. Anything else (a mapping, a nested list) is a problem, never an exception. Integers
accept ASCII digits only ('²⁰¹⁰' and '--2010' are refused).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ipsdash.access.viewer import PUBLIC, Viewer
from ipsdash.i18n import N_, _

MAX_LIST = 20  # more values than this in one parameter is refused, not processed
MAX_VALUE_CHARS = 120


@dataclass(frozen=True)
class Problem:
    """One setting that could not be used as given: `fallback` says what is used instead ('ignored' is a
    key: the value is left out). `message` and `fallback` are in the language in use when parsed."""

    field: str
    value: str
    message: str
    fallback: str = ""

    def __str__(self) -> str:
        shown = self.value if len(self.value) <= 60 else self.value[:60] + "…"
        # TRANSLATORS: {field} is a setting's name and {value} its value as given (both kept as written);
        # {problem} says what is wrong with it ("is not one of linear, log").
        return _("{field} = '{value}' {problem}").format(field=self.field, value=shown, problem=self.message)


def _labels(labels: Mapping[str, str]) -> dict[str, str]:
    """Labels defined in code (marked with N_()) in the language in use; the keys stay as they are."""
    return {key: _(label) for key, label in labels.items()}


def _as_strings(value: object) -> list[str] | None:
    """A raw setting as a list of strings; None when it is not a scalar or a flat list of scalars."""
    if isinstance(value, bool):
        return ["1" if value else "0"]
    if isinstance(value, (str, int, float)):
        return [str(value).strip()]
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float)) for v in value):
        return [str(v).strip() for v in value]
    return None


class Reader:
    """Reads named settings from raw values, collecting a Problem for each unusable one."""

    def __init__(self, raw: Mapping[str, object]):
        self.raw: dict[str, list[str]] = {}
        self.problems: list[Problem] = []
        for name, value in raw.items():
            values = _as_strings(value)
            if values is None:
                self.problems.append(Problem(str(name), type(value).__name__, _("must be a value or a list of values")))
            elif len(values) > MAX_LIST or any(len(v) > MAX_VALUE_CHARS for v in values):
                self.problems.append(Problem(str(name), ", ".join(values)[:80], _("is too long")))
            else:
                self.raw[str(name)] = values

    def _one(self, name: str) -> str | None:
        values = self.raw.get(name)
        if not values:
            return None
        if len(values) > 1:
            self.problems.append(Problem(name, ", ".join(values), _("takes one value")))
            return None
        return values[0]

    def choice(self, name: str, options: Mapping[str, str], default: str) -> str:
        """One of `options` (keys; values are labels), else `default`."""
        value = self._one(name)
        if value is None or value in options:
            return default if value is None else value
        listed = ", ".join(options) if len(options) <= 8 else ", ".join(list(options)[:8]) + ", …"
        message = _("is not one of {options}").format(options=listed)
        self.problems.append(Problem(name, value, message, options.get(default, default)))
        return default

    def choices(self, name: str, options: Mapping[str, str], default: Sequence[str] = ()) -> tuple[str, ...]:
        """Any of `options`; unknown values are dropped with a problem each."""
        if name not in self.raw:
            return tuple(default)
        known = tuple(dict.fromkeys(v for v in self.raw[name] if v in options))
        for value in self.raw[name]:
            if value not in options:
                self.problems.append(Problem(name, value, _("is not in the data"), "ignored"))
        return known

    def integer(
        self, name: str, low: int, high: int, default: int | None, what: str = "a year", instead: str = ""
    ) -> int | None:
        """An integer in [low, high] written in ASCII digits, else `default` (described by `instead`); `what`
        it is: 'a year' or 'a slide number'."""
        value = self._one(name)
        if value is None:
            return default
        if re.fullmatch(r"[0-9]{1,6}", value) and low <= int(value) <= high:
            return int(value)
        fallback = instead or ("" if default is None else str(default))
        self.problems.append(Problem(name, value, _between(what).format(low=low, high=high), fallback))
        return default

    def span(self, low: int, high: int) -> tuple[int | None, int | None]:
        """'from' and 'to' years within [low, high] (None for an end not given); a reversed pair is a problem."""
        start = self.integer("from", low, high, None, instead=str(low))
        end = self.integer("to", low, high, None, instead=str(high))
        if start is not None and end is not None and start > end:
            self.problems.append(
                Problem("from", str(start), _("is after to = {end}").format(end=end), _("the whole span"))
            )
            return None, None
        return start, end

    def flag(self, name: str, default: bool = False) -> bool:
        """A switch written 1/0 (or true/false in a talk file)."""
        value = self._one(name)
        if value is None:
            return default
        if value.lower() in ("1", "true", "yes", "on"):
            return True
        if value.lower() in ("0", "false", "no", "off"):
            return False
        self.problems.append(Problem(name, value, _("is not 1 or 0"), "1" if default else "0"))
        return default

    def only(self, allowed: Sequence[str]) -> None:
        """A problem for each setting not in `allowed` (a talk slide must not carry stray settings)."""
        for name in self.raw:
            if name not in allowed:
                self.problems.append(Problem(name, ", ".join(self.raw[name]), _("is not a setting of this view")))


def _between(what: str) -> str:
    """'is not a year between {low} and {high}' (or a slide number, or `what`), to fill in."""
    if what == "a year":
        return _("is not a year between {low} and {high}")
    if what == "a slide number":
        return _("is not a slide number between {low} and {high}")
    # TRANSLATORS: {what} names what a setting should be ("a year"); {low} and {high} are its limits.
    return _("is not {what} between {low} and {high}").replace("{what}", what)


# Map ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapOptions:
    """What a map may show: views with labels, their measures, and the years each view animates."""

    views: dict[str, str]
    measures: dict[str, dict[str, str]]  # view -> measure -> label
    years: dict[str, list[int]]  # view -> years


@dataclass(frozen=True)
class MapSettings:
    view: str = "world"
    measure: str = "first_programme"
    year: int | None = None  # None: the last year


MAP_PARAMS = ("view", "measure", "year")


def parse_map(raw: Mapping[str, object], options: MapOptions) -> tuple[MapSettings, list[Problem]]:
    """Map settings from URL parameters or a slide's `with:`."""
    read = Reader(raw)
    view = read.choice("view", _labels(options.views), "world")
    measure = read.choice("measure", _labels(options.measures[view]), "first_programme")
    years = options.years[view]
    year = read.integer("year", years[0], years[-1], None, instead=str(years[-1]))
    return MapSettings(view, measure, year), read.problems


# Growth ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GrowthOptions:
    """Every (area, measure) with dated values: n values and the years they span."""

    series: pd.DataFrame  # geo_code, geo_label, metric, metric_label, n, lo, hi

    def geos(self) -> dict[str, str]:
        """Areas with growth data, by label."""
        frame = self.series.drop_duplicates("geo_code").sort_values("geo_label")
        return dict(zip(frame["geo_code"], frame["geo_label"], strict=True))

    def measures(self, geos: Sequence[str]) -> dict[str, str]:
        """Measures with data for any of the areas, most values first."""
        part = self.series[self.series["geo_code"].isin(list(geos))]
        totals = part.groupby(["metric", "metric_label"], as_index=False)["n"].sum()
        totals = totals.sort_values(["n", "metric_label"], ascending=[False, True])
        return dict(zip(totals["metric"], totals["metric_label"], strict=True))

    def modes(self, metric: str) -> dict[str, str]:
        """How a measure can be shown: per million only for counts of programmes, staff or people."""
        units = set(self.series.loc[self.series["metric"] == metric, "unit"])
        return MODES if units and units <= PER_MILLION_UNITS else {k: v for k, v in MODES.items() if k != "per_million"}

    def span(self, geos: Sequence[str], metric: str) -> tuple[int, int]:
        """The first and last year with values of a measure for the areas."""
        part = self.series[self.series["geo_code"].isin(list(geos)) & (self.series["metric"] == metric)]
        return (int(part["lo"].min()), int(part["hi"].max())) if len(part) else (1990, 2024)


MODES = {
    "absolute": N_("Absolute"),
    "indexed": N_("Indexed (first year = 100)"),
    "per_million": N_("Per million inhabitants"),
}
PER_MILLION_UNITS = {"programmes", "teams", "sites", "people", "people_per_year", "fte", "jobs"}
# TRANSLATORS: a chart's y-axis scale: linear or logarithmic.
SCALES = {"linear": N_("Linear"), "log": N_("Log")}
GROWTH_PARAMS = ("geo", "measure", "mode", "scale", "events", "from", "to")
DEFAULT_GEOS = ("USA",)
DEFAULT_MEASURE = "programmes"


@dataclass(frozen=True)
class GrowthSettings:
    geo: tuple[str, ...] = DEFAULT_GEOS
    measure: str = DEFAULT_MEASURE
    mode: str = "absolute"
    scale: str = "linear"
    events: bool = False
    start: int | None = None  # None: the first year with data
    end: int | None = None  # None: the last year with data
    fit: str = ""  # a series to draw fitted curves for (set by the statistics panel, not by URLs)


def default_measure(measures: Mapping[str, str]) -> str:
    """Programme counts where the areas have them, else the measure with most values."""
    return DEFAULT_MEASURE if DEFAULT_MEASURE in measures else next(iter(measures))


def parse_growth(raw: Mapping[str, object], options: GrowthOptions) -> tuple[GrowthSettings, list[Problem]]:
    """Growth settings from URL parameters or a slide's `with:`."""
    read = Reader(raw)
    geo = read.choices("geo", options.geos(), DEFAULT_GEOS) or DEFAULT_GEOS
    measures = options.measures(geo)
    measure = read.choice("measure", measures, default_measure(measures))
    start, end = read.span(*options.span(geo, measure))
    return (
        GrowthSettings(
            geo=geo,
            measure=measure,
            mode=read.choice("mode", _labels(options.modes(measure)), "absolute"),
            scale=read.choice("scale", _labels(SCALES), "linear"),
            events=read.flag("events"),
            start=start,
            end=end,
        ),
        read.problems,
    )


# Evidence and fidelity ------------------------------------------------------------------------------

TRIAL_SORTS = {
    "difference": N_("Difference (IPS minus control)"),
    "year": N_("Year published"),
    "size": N_("Participants"),
}


@dataclass(frozen=True)
class TrialsSettings:
    sort: str = "difference"


def parse_trials(raw: Mapping[str, object], options: None = None) -> tuple[TrialsSettings, list[Problem]]:
    """Trial chart settings."""
    read = Reader(raw)
    return TrialsSettings(read.choice("sort", _labels(TRIAL_SORTS), "difference")), read.problems


@dataclass(frozen=True)
class FidelityOptions:
    scales: dict[str, str]
    geos: dict[str, str]
    years: list[int]


@dataclass(frozen=True)
class FidelitySettings:
    scale: str = "IPS-25"
    geo: tuple[str, ...] = ()
    year: int | None = None  # latest review up to this year; None: all
    viewer: Viewer = PUBLIC  # who is looking: their programmes are shown one by one (never from a URL)


def default_scale(scales: Mapping[str, str]) -> str:
    """IPS-25 where the data has it, else the first scale it has."""
    return "IPS-25" if "IPS-25" in scales or not scales else next(iter(scales))


def parse_fidelity(raw: Mapping[str, object], options: FidelityOptions) -> tuple[FidelitySettings, list[Problem]]:
    """Fidelity chart settings."""
    read = Reader(raw)
    scale = read.choice("scale", options.scales or {"IPS-25": "IPS-25"}, default_scale(options.scales))
    geo = read.choices("geo", options.geos)
    years = options.years or [2000]
    year = read.integer("year", years[0], years[-1], None, instead=str(years[-1]))
    return FidelitySettings(scale, geo, year), read.problems


# Key figures ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FiguresSettings:
    keys: tuple[str, ...] = field(default_factory=tuple)


def parse_figures(raw: Mapping[str, object], options: Mapping[str, str]) -> tuple[FiguresSettings, list[Problem]]:
    """Which named key figures to show (names from ipsdash.store.key_figures)."""
    read = Reader(raw)
    keys = read.choices("figures", options)
    if not keys and not any(p.field == "figures" for p in read.problems):
        read.problems.append(Problem("figures", "", _("needs at least one key figure name")))
    return FiguresSettings(keys), read.problems


@dataclass(frozen=True)
class NoSettings:
    """Views that draw one fixed picture."""


def parse_none(raw: Mapping[str, object], options: None = None) -> tuple[NoSettings, list[Problem]]:
    """A view without settings."""
    return NoSettings(), []


# Back to a URL ---------------------------------------------------------------------------------------

PARAM_NAMES = {"start": "from", "end": "to", "keys": "figures"}
NOT_IN_URLS = ("fit", "viewer")  # set by the page itself, never by a link


def to_params(chosen) -> dict[str, list[str]]:
    """The URL parameters that reproduce settings (the inverse of parse_*; defaults are left out)."""
    defaults = type(chosen)()
    params = {}
    for spec in dataclasses.fields(chosen):
        value = getattr(chosen, spec.name)
        if spec.name in NOT_IN_URLS or value == getattr(defaults, spec.name) or value in (None, (), ""):
            continue
        values = list(value) if isinstance(value, tuple) else ["1" if value is True else str(value)]
        params[PARAM_NAMES.get(spec.name, spec.name)] = [str(v) for v in values]
    return params
