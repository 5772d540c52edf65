"""Talk tracks: plain YAML files in data/talks/, checked slide by slide when they load."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ipsdash import growth, mapview, outcomes
from ipsdash.paths import DATA_DIR

TALK_DIR = DATA_DIR / "talks"
VIEWS = ("map", "growth", "adoption_curves", "lc_comparison", "trials", "fidelity", "figures")


@dataclass(frozen=True)
class Slide:
    """One live view with its words."""

    number: int
    title: str
    takeaway: str
    view: str
    settings: dict = field(default_factory=dict)


class TalkError(Exception):
    """A talk file that cannot be shown; `problems` names the slide and field of each."""

    def __init__(self, name: str, problems: list[str]):
        self.problems = problems
        super().__init__(f"Talk '{name}' has {len(problems)} problem(s): " + "; ".join(problems))


def talk_names(folder: Path = TALK_DIR) -> list[str]:
    """The talk tracks available, by file name."""
    return sorted(p.stem for p in folder.glob("*.yml"))


def _check_settings(view: str, settings: dict, known: dict[str, set[str]]) -> list[str]:
    problems = []

    def check(key: str, allowed, what: str) -> None:
        if key in settings and settings[key] not in allowed:
            problems.append(f"{key} '{settings[key]}' is not a {what} (one of {', '.join(map(str, allowed))})")

    if view == "map":
        check("view", list(mapview.VIEWS), "map view")
        spec = mapview.VIEWS.get(settings.get("view", "world"))
        if spec:
            check("measure", spec.measures, "measure of this map view")
        if "year" in settings and not (isinstance(settings["year"], int) and 1990 <= settings["year"] <= 2030):
            problems.append(f"year '{settings['year']}' is not a year between 1990 and 2030")
    elif view == "growth":
        for geo in settings.get("geo", []):
            if geo not in known["geo"]:
                problems.append(f"geo '{geo}' has no growth data")
        check("measure", sorted(known["metric"]), "measure with data")
        check("mode", list(growth.MODES), "mode")
        check("scale", ["linear", "log"], "scale")
    elif view == "trials":
        check("sort", list(outcomes.TRIAL_SORTS), "trial order")
    elif view == "fidelity":
        check("scale", ["IPS-25", "IPS-Y", "IPS-15"], "fidelity scale")
    elif view == "figures":
        values = settings.get("values")
        if not values or not all(isinstance(v, list) and len(v) == 4 for v in values):
            problems.append("values must be a list of [geo_code, metric, year, source_id]")
    allowed_keys = {
        "map": {"view", "measure", "year"},
        "growth": {"geo", "measure", "mode", "scale", "events"},
        "trials": {"sort"},
        "fidelity": {"scale"},
        "figures": {"values"},
    }.get(view, set())
    problems += [f"unknown setting '{k}' for a {view} slide" for k in settings if k not in allowed_keys]
    return problems


def load_talk(name: str, known: dict[str, set[str]], folder: Path = TALK_DIR) -> tuple[str, list[Slide]]:
    """Read and check a talk track; raise TalkError naming every bad slide and field."""
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name) or not (folder / f"{name}.yml").exists():
        raise TalkError(name, [f"no talk file data/talks/{name}.yml (available: {', '.join(talk_names(folder))})"])
    try:
        data = yaml.safe_load((folder / f"{name}.yml").read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise TalkError(name, [f"not readable YAML: {exc}"]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("slides"), list) or not data["slides"]:
        raise TalkError(name, ["needs a list of slides under 'slides:'"])
    problems, slides = [], []
    for number, raw in enumerate(data["slides"], start=1):
        if not isinstance(raw, dict):
            problems.append(f"slide {number}: not a mapping of title, takeaway, view, with")
            continue
        where = f"slide {number}"
        for key in ("title", "takeaway", "view"):
            if not str(raw.get(key) or "").strip():
                problems.append(f"{where}: '{key}' is missing")
        view, settings = raw.get("view"), raw.get("with") or {}
        if view and view not in VIEWS:
            problems.append(f"{where}: unknown view '{view}' (one of {', '.join(VIEWS)})")
        elif view:
            problems += [f"{where}: {p}" for p in _check_settings(view, settings, known)]
        slides.append(Slide(number, str(raw.get("title", "")), str(raw.get("takeaway", "")), str(view), settings))
    if problems:
        raise TalkError(name, problems)
    return str(data.get("title") or name), slides
