"""Talk tracks load with clear messages for bad slides (the same words a bad link gets), never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipsdash.outputs import talk_track as talk
from tests.unit.test_settings import GROWTH, MAP

OPTIONS = {"map": MAP, "growth": GROWTH, "figures": {"countries_with_ips": "Countries"}}


def _load(tmp_path: Path, text: str, name: str = "t"):
    (tmp_path / f"{name}.yml").write_text(text, encoding="utf-8")
    return talk.load_talk(name, OPTIONS.get, tmp_path)


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(talk.TalkError) as caught:
        _load(tmp_path, text)
    return caught.value.problems


def test_a_good_talk_parses_its_settings(tmp_path):
    title, slides = _load(
        tmp_path,
        "title: T\nslides:\n"
        "  - {title: 'A {countries_with_ips}', takeaway: B, view: map, with: {view: us, year: 2001}}\n"
        "  - {title: A, takeaway: B, view: growth, with: {geo: [NLD], events: 1}}\n",
    )
    assert title == "T" and [s.view for s in slides] == ["map", "growth"]
    assert slides[0].settings.view == "us" and slides[0].settings.year == 2001
    assert slides[1].settings.geo == ("NLD",) and slides[1].settings.events is True


def test_bad_slides_are_named_with_what_is_wrong(tmp_path):
    problems = _problems(
        tmp_path,
        """
slides:
  - {title: A, takeaway: B, view: spaceship}
  - {title: A, takeaway: B, view: map, with: {view: moon}}
  - {title: A, view: growth, with: {geo: [ATL], measure: vibes, colour: red}}
  - {title: A, takeaway: B, view: map, with: {year: 1066}}
  - {title: A, takeaway: B, view: growth, with: [geo, USA]}
  - {title: A, takeaway: B, view: figures, with: {figures: [nope]}}
  - {title: 'The {unknown_figure}', takeaway: 'a {broken', view: map}
  - just text
""",
    )
    assert problems == [
        "slide 1: unknown view 'spaceship' (one of map, growth, adoption_curves, lc_comparison, outcomes, trials, "
        "fidelity, figures)",
        "slide 2: view = 'moon' is not one of world, us",
        "slide 3: 'takeaway' is missing",
        "slide 3: unknown setting 'colour' for a growth slide",
        "slide 3: geo = 'ATL' is not in the data",
        "slide 3: measure = 'vibes' is not one of lc_states, programmes",
        "slide 4: year = '1066' is not a year between 1990 and 2024",
        "slide 5: 'with' must be a mapping of settings, not a list",
        "slide 6: figures = 'nope' is not in the data",
        "slide 7: 'title' names an unknown key figure {unknown_figure}",
        "slide 7: 'takeaway' has a stray brace (expected '}' before end of string); write numbers as {key_figure}",
        "slide 8: not a mapping of title, takeaway, view, with",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [("slides: []", "needs a list of slides"), ("a: [b", "not readable YAML"), ("- 1\n- 2", "needs a list of slides")],
)
def test_broken_files_get_a_message(tmp_path, text, message):
    with pytest.raises(talk.TalkError) as caught:
        _load(tmp_path, text)
    assert message in str(caught.value)


@pytest.mark.parametrize("name", ["../../etc/passwd", "a" * 300, "talk name", "ünï", ""])
def test_talk_names_are_a_safe_set_of_characters(tmp_path, name):
    with pytest.raises(talk.TalkError) as caught:
        talk.load_talk(name, OPTIONS.get, tmp_path)
    assert caught.value.problems == ["a talk name is 1 to 64 letters, digits, '-' or '_'"]


def test_missing_talk_names_the_available_ones(tmp_path):
    (tmp_path / "keynote.yml").write_text("slides: [{title: A, takeaway: B, view: map}]")
    with pytest.raises(talk.TalkError) as caught:
        talk.load_talk("other", OPTIONS.get, tmp_path)
    assert "available: keynote" in str(caught.value)


def test_oversized_talk_files_are_refused_unread(tmp_path):
    (tmp_path / "big.yml").write_bytes(b"#" * (talk.MAX_TALK_BYTES + 1))
    with pytest.raises(talk.TalkError, match="larger than"):
        talk.load_talk("big", OPTIONS.get, tmp_path)


def test_a_few_bytes_of_yaml_aliases_are_refused_not_expanded(tmp_path):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(7)
    )
    text = laughs + "slides:\n  - {title: *h, takeaway: B, view: map}\n"
    with pytest.raises(talk.TalkError, match="aliases"):
        _load(tmp_path, text)
