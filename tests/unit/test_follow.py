"""The follow state: one small file a talk, written only with the presenter's key, read by everyone;
a bad or foreign file reads as no session, never as a crash."""

from __future__ import annotations

import json

import pytest

from ipsdash.outputs import audience, follow
from ipsdash.outputs import talk_track as talk
from tests.unit.test_talk import _load, _problems


def test_the_presenter_starts_steps_and_stops_and_every_reader_sees_each_write(tmp_path):
    assert follow.read("default", tmp_path) is None
    key = follow.start("default", 12, 3, tmp_path)
    state = follow.read("default", tmp_path)
    assert (state.slide, state.slides, state.following, state.seq) == (3, 12, True, 1)
    assert follow.step("default", key, 4, tmp_path).seq == 2
    assert follow.step("default", key, 99, tmp_path).slide == 12  # clamped to the talk
    stopped = follow.stop("default", key, tmp_path)
    assert (stopped.following, stopped.slide, stopped.seq) == (False, 12, 4)  # followers stay on the last slide
    assert follow.read("default", tmp_path) == stopped
    assert follow.start("default", 12, 1, tmp_path) != key  # a new session, a new key, the sequence goes on
    assert follow.read("default", tmp_path).seq == 5


def test_nothing_moves_the_room_without_the_key(tmp_path):
    key = follow.start("default", 12, 1, tmp_path)
    for wrong in (None, "", "x" * 22, key[:-1] + ("A" if key[-1] != "A" else "B"), key + "x", "../" * 8):
        with pytest.raises(follow.FollowRefused):
            follow.step("default", wrong, 5, tmp_path)
        with pytest.raises(follow.FollowRefused):
            follow.stop("default", wrong, tmp_path)
    with pytest.raises(follow.FollowRefused, match="another window already leads"):
        follow.start("default", 12, 5, tmp_path)  # a second 'Let the room follow' does not take over
    assert follow.read("default", tmp_path).slide == 1 and follow.read("default", tmp_path).seq == 1
    assert key not in "".join(p.read_text() for p in (tmp_path / "follow").iterdir() if p.is_file())


def test_an_abandoned_session_may_be_taken_over_and_the_cli_can_end_one(tmp_path):
    follow.start("default", 12, 1, tmp_path, now=1000.0)
    follow.start("default", 12, 2, tmp_path, now=1000.0 + follow.ABANDONED_AFTER + 1)
    assert follow.read("default", tmp_path).slide == 2
    assert follow.end("default", tmp_path).following is False


def test_bad_names_and_foreign_files_read_as_no_session(tmp_path):
    for bad in ("../x", "", "a" * 65, "a b", None):
        assert follow.read(bad, tmp_path) is None
        with pytest.raises(follow.FollowRefused):
            follow.start(bad, 12, 1, tmp_path)
    path = follow.state_path("t", tmp_path)
    path.parent.mkdir()
    good = {"talk": "t", "slide": 1, "slides": 2, "following": True, "seq": 1, "started": 1, "updated": 1}
    for content in (
        b"not json",
        b"[]",
        json.dumps({**good, "talk": "other"}).encode(),
        json.dumps({**good, "slide": 3}).encode(),
        json.dumps({**good, "slide": "1"}).encode(),
        json.dumps({**good, "following": "yes"}).encode(),
        json.dumps({**good, "pad": "x" * follow.MAX_STATE_BYTES}).encode(),
    ):
        path.write_bytes(content)
        assert follow.read("t", tmp_path) is None, content[:60]
    path.write_bytes(json.dumps(good).encode())
    assert follow.read("t", tmp_path).slides == 2


def test_a_published_copy_gets_the_state_too(tmp_path, monkeypatch):
    monkeypatch.setenv(follow.COPY_ENV, str(tmp_path / "site"))
    key = follow.start("default", 12, 1, tmp_path / "data")
    follow.step("default", key, 7, tmp_path / "data")
    copied = json.loads((tmp_path / "site" / "follow" / "default.json").read_text())
    assert copied["slide"] == 7 and "key" not in json.dumps(copied)


def test_the_follow_address_comes_from_configuration():
    assert audience.follow_address("default", {}) is None
    live = {audience.LIVE_ENV: "http://192.168.1.20:8501/"}
    assert audience.follow_address("my-talk", live) == "http://192.168.1.20:8501/follow?talk=my-talk"
    published = {**live, audience.PUBLISHED_ENV: "http://192.168.1.20/published", audience.MODE_ENV: "published"}
    assert audience.follow_address("my-talk", published) == "http://192.168.1.20/published/follow.html"


def test_speaker_notes_are_optional_plain_text_with_a_limit(tmp_path):
    _, slides = _load(
        tmp_path,
        "slides:\n  - {title: A, takeaway: B, view: outcomes, notes: 'Say <b>{this}</b> [x](y)'}\n"
        "  - {title: A, takeaway: B, view: outcomes}\n",
    )
    assert slides[0].notes == "Say <b>{this}</b> [x](y)" and slides[1].notes == ""
    long = "x" * (talk.MAX_NOTES + 1)
    problems = _problems(tmp_path, f"slides:\n  - {{title: A, takeaway: B, view: outcomes, notes: {long}}}\n")
    assert problems == [f"slide 1: 'notes' is longer than {talk.MAX_NOTES} characters"]
    problems = _problems(tmp_path, "slides:\n  - {title: A, takeaway: B, view: outcomes, notes: [a]}\n")
    assert problems == ["slide 1: 'notes' must be text, not a list"]


def test_speaker_notes_reach_the_presenters_html_escaped_and_not_the_audiences(mini_store, tmp_path):
    from ipsdash.outputs import talk_html

    _, slides = _load(tmp_path, "slides:\n  - {title: A, takeaway: B, view: outcomes, notes: '<script>x()</script>'}\n")
    rendered = [talk.render_slide(mini_store, s) for s in slides]
    presenters = talk_html.talk_html("T", rendered).decode()
    assert "&lt;script&gt;x()&lt;/script&gt;" in presenters and "<script>x()" not in presenters
    assert "Speaker notes" not in talk_html.talk_html("T", rendered, speaker_notes=False).decode()


def test_the_cli_shows_and_ends_a_session_without_the_key(tmp_path, monkeypatch, capsys):
    from ipsdash.__main__ import main

    monkeypatch.setenv("IPSDASH_FOLLOW_DIR", str(tmp_path))
    assert main(["follow", "show", "default"]) == 0 and "no follow session" in capsys.readouterr().out
    follow.start("default", 12, 4)
    assert main(["follow", "stop", "default"]) == 0
    assert capsys.readouterr().out.strip() == "default: slide 4 / 12, ended"
    assert follow.read("default").following is False
    assert main(["follow", "stop", "../x"]) == 2 and "a talk name is 1 to 64" in capsys.readouterr().err
