"""Every view builds from the real store and cites exactly what it draws; every number in prose comes
from the key-figure registry; every slide of every shipped talk builds."""

from __future__ import annotations

import ast
import re

import pytest

from ipsdash.config import ROOT
from ipsdash.domain.vocabulary import START_EVENTS
from ipsdash.outputs import talk_track as talk
from ipsdash.store import key_figures, queries
from ipsdash.views import REGISTRY, evidence, growth, settings
from ipsdash.views import map as map_view


def _ids(frame) -> set[str]:
    return set(frame["source_id"])


def _default(con, name: str):
    spec = REGISTRY[name]
    raw = {"figures": ["countries_with_ips", "pooled_ips_vs_control"]} if name == "figures" else {}
    chosen, problems = spec.parse(raw, spec.options(con) if spec.options else None)
    assert problems == []
    return spec.build(con, chosen)


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_view_builds_with_a_figure_words_and_citations(real_store, name):
    view = _default(real_store, name)
    assert view.figure is not None and view.title and len(view.data)
    assert view.alt.endswith(".") and "Source" in view.alt  # the text alternative names its source
    assert len(view.cited) and set(view.cited.columns) == {"source_id", "source_short", "locator"}
    drawn = {s for s in view.data.get("source_id", []) if s}
    assert drawn <= _ids(view.cited)  # everything drawn is cited


def test_the_map_cites_only_the_rows_that_colour_the_year_shown(real_store):
    view = map_view.build(real_store, settings.MapSettings("world", "first_programme", 1999))
    starts = real_store.execute(
        "SELECT geo_code, arg_min(source_id, year) AS source_id FROM milestones JOIN geographies USING (geo_code) "
        "WHERE level = 'country' AND list_contains(?, event) AND year <= 1999 GROUP BY geo_code",
        [list(START_EVENTS)],
    ).df()
    assert set(view.data["geo_code"]) == set(starts["geo_code"])
    assert _ids(view.cited) == _ids(starts)
    everything = map_view.build(real_store, settings.MapSettings("world", "first_programme", None))
    assert len(everything.cited) > len(view.cited)  # a later year cites more, because it draws more


def test_a_growth_chart_cites_the_sources_of_its_points(real_store):
    view = growth.build(real_store, settings.GrowthSettings(("USA",), "programmes"))
    stored = real_store.execute(
        "SELECT DISTINCT source_id FROM observations WHERE geo_code = 'USA' AND metric = 'programmes' "
        "AND subject = '' AND year IS NOT NULL"
    ).df()
    assert _ids(view.cited) == _ids(stored)
    narrowed = growth.build(real_store, settings.GrowthSettings(("USA",), "programmes", start=2019, end=2019))
    assert set(narrowed.data["year"]) == {2019} and _ids(narrowed.cited) < _ids(view.cited)


def test_the_trials_cite_each_trial_and_the_pooled_figure(real_store):
    view = evidence.build_trials(real_store, settings.TrialsSettings())
    behind = queries.get_trial_values(real_store)
    behind = behind[behind["subject"].isin(view.data["subject"])]
    quoted = key_figures.resolve(real_store, ["pooled_ips_pct", "pooled_control_pct", "rct_count", "rct_participants"])
    expected = _ids(behind) | set().union(*(_ids(f.rows) for f in quoted.values()))
    assert _ids(view.cited) == expected


def test_every_key_figure_resolves_to_one_stored_value(real_store):
    resolved = key_figures.resolve(real_store, key_figures.REGISTRY)
    assert set(resolved) == set(key_figures.REGISTRY)
    for name, figure in resolved.items():
        assert figure.text and len(figure.rows) and set(figure.rows["source_id"]) - {""}, name


def test_every_slide_of_every_talk_builds_and_cites_its_view(real_store):
    for name in talk.talk_names():
        _, slides = talk.load_talk(name, talk.options_from(real_store))
        for slide in slides:
            shown = talk.render_slide(real_store, slide)
            assert "{" not in shown.title + shown.takeaway  # every placeholder was filled
            assert shown.view.figure is not None  # every slide has a page in the PDF deck
            assert _ids(shown.view.cited) <= _ids(shown.cited)


# A number typed into prose: a count of things, a percentage, or 'N = 6,468'.
TYPED_FIGURE = re.compile(
    r"(?<![\w–\-.])\d[\d,.]*\s*(%|countries|states|programmes|programs|teams|trials|sites|jurisdictions|others|"
    r"counties|organisations|people)\b|\bN\s*=\s*\d",
    re.I,
)


def _prose_strings(path):
    """String constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_no_figure_is_typed_into_pages_or_the_package():
    files = [*sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "ipsdash").rglob("*.py"))]
    typed = [
        f"{p.relative_to(ROOT)}:{line}: {m.group(0)}"
        for p in files
        for line, text in _prose_strings(p)
        for m in TYPED_FIGURE.finditer(text)
    ]
    assert typed == []


def test_talks_quote_numbers_only_through_key_figures():
    for path in sorted(talk.talk_dir().glob("*.yml")):
        import yaml

        for slide in yaml.safe_load(path.read_text(encoding="utf-8"))["slides"]:
            fields = (slide.get("title", ""), slide.get("takeaway", ""))
            texts = [t for field in fields for t in (field.values() if isinstance(field, dict) else [field])]
            assert len(texts) >= 2
            for text in texts:  # every language's text
                words = re.sub(r"\{\w+\}", "", text)
                words = re.sub(r"\b(19[89]\d|20[0-3]\d)(s|/\d\d|–\d{4})?\b", "", words)  # years are dates, not figures
                assert not re.search(r"\d", words), f"{path.name}: {text}"


def test_per_million_divides_by_the_same_place_and_year_and_cites_the_population(real_store):
    view = growth.build(real_store, settings.GrowthSettings(("NLD", "US-MO"), "programmes", "per_million"))
    populations = real_store.execute("SELECT geo_code, year, population, source_id FROM population").df()
    drawn = view.data.merge(populations, on=["geo_code", "year"], suffixes=("", "_pop"))
    assert len(drawn) == len(view.data) > 0
    assert (abs(drawn["y"] - drawn["value"] / drawn["population"] * 1_000_000) < 1e-9).all()
    assert set(drawn["source_id_pop"]) <= _ids(view.cited)  # the population's source is cited
    every = queries.get_growth_points(real_store, ["US-MO"], "programmes")
    late = every[every["year"] > 2018]  # the census table ends in 2018: a gap, never carried forward
    assert len(late) and not set(late["year"]) & set(view.data.loc[view.data["geo_code"] == "US-MO", "year"])
    assert any("left out as a gap, not carried forward" in note for note in view.notes)


def test_the_trials_outside_the_pooled_scope_are_marked_with_their_population(real_store):
    view = evidence.build_trials(real_store, settings.TrialsSettings("difference"))
    outside = view.data[view.data["outside_pooled_scope"]]
    names = {"Davis 2012", "Davis 2018", "Hellström 2017", "Reme 2019", "Viering 2015"}
    assert {next(n for n in names if n in s) for s in outside["subject"]} == names and len(outside) == len(names)
    assert (outside["population"] == "other population").all()
    assert outside["scope_note"].str.startswith("Population: ").all()
    inside = view.data[~view.data["outside_pooled_scope"]]
    assert (inside["scope_note"] == "").all() and "serious mental illness" in set(inside["population"])
    hover = {row[0]: row[4] for row in view.figure.data[-1].customdata}
    for subject, why in zip(outside["subject"], outside["scope_note"], strict=True):
        assert "Outside the pooled trials' scope" in hover[subject] and why in hover[subject]
    assert all(name in view.notes[1] for name in outside["subject"])
