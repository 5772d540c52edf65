"""Presenter mode steps through the talk; a bad talk file gives a message, never a traceback."""

from __future__ import annotations

import pytest

from tests.app.conftest import page_text, plain


@pytest.fixture
def open_present(open_app):
    return lambda **params: open_app("app_pages/present.py", **params)


def test_next_and_previous_step_through_live_slides(open_present):
    app = open_present()
    first = app.title[0].value
    app.button(key="next").click().run()
    assert app.title[0].value != first and len(app.get("plotly_chart")) == 1
    assert app.query_params["slide"] in ("2", ["2"])
    app.button(key="previous").click().run()
    assert app.title[0].value == first
    app.button(key="last").click().run()
    assert "slide 12 / 12" in page_text(app)


def test_the_url_keeps_the_place_and_bad_numbers_are_explained(open_present):
    assert open_present(slide="4").title[0].value == "The European trial"
    app = open_present(slide="99")
    assert "The link's slide = '99' is not a slide number between 1 and 12" in page_text(app)
    assert app.title[0].value == "Where it started"


def test_a_bad_talk_file_is_explained(open_present, tmp_path, monkeypatch):
    (tmp_path / "broken.yml").write_text(
        "slides:\n  - {title: A, takeaway: B, view: map, with: {view: moon}}\n"
        "  - {title: A, takeaway: B, view: figures, with: {figures: [no_such_figure]}}\n"
        "  - {title: A, takeaway: B, view: growth, with: [geo, USA]}\n"
    )
    monkeypatch.setenv("IPSDASH_TALK_DIR", str(tmp_path))
    app = open_present(talk="broken")
    assert app.title[0].value == "This talk cannot be shown"
    assert "3 problem(s) in data/talks/broken.yml; the talk cannot be shown." in page_text(app)
    text = _problems(app)
    assert "slide 1: view = 'moon' is not one of world, europe, us" in text
    assert "slide 2: figures = 'no_such_figure' is not in the data" in text
    assert "slide 3: 'with' must be a mapping of settings, not a list" in text
    assert "cannot be shown" in open_present(talk="no_such_talk").title[0].value
    assert "a talk name is 1 to 64 letters" in _problems(open_present(talk="x" * 300))


def _problems(app) -> str:
    """The problems listed in the page's table of problems (file, row, column, what is wrong)."""
    return " ".join(" ".join(frame.value["Problem"]) for frame in app.dataframe)


def test_a_qr_code_for_the_audience_appears_only_where_an_address_is_configured(open_present, monkeypatch):
    monkeypatch.delenv("IPSDASH_PUBLIC_URL", raising=False)
    monkeypatch.delenv("IPSDASH_PUBLISHED_URL", raising=False)
    assert not open_present().get("image")
    monkeypatch.setenv("IPSDASH_PUBLIC_URL", "https://ips.example.org")
    app = open_present()
    assert len(app.get("image")) == 1
    assert "https://ips.example.org/map?year=1999" in page_text(app)  # the first slide's live view


@pytest.fixture
def follow_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("IPSDASH_FOLLOW_DIR", str(tmp_path / "follow"))
    return tmp_path / "follow"


def _open_follow(open_app, talk: str = "default"):
    app = open_app(talk=talk)
    app.switch_page("app_pages/follow.py").run()
    assert not app.exception
    return app


def test_the_room_follows_the_presenter_and_only_the_presenter(open_present, open_app, follow_dir):
    from ipsdash.outputs import follow

    waiting = _open_follow(open_app)
    assert waiting.title[0].value == "Waiting for the presenter"
    presenter = open_present()
    presenter.button(key="follow_start").click().run()
    key = presenter.query_params["key"]
    key = key[0] if isinstance(key, list) else key
    assert follow.holds_key("default", key)
    presenter.button(key="next").click().run()
    phone = _open_follow(open_app)
    assert plain(phone.title[0].value) == "The J&J–Dartmouth programme becomes a learning community"
    assert phone.title[0].value == presenter.title[0].value
    assert "Following the presenter · slide 2 / 12" in page_text(phone)
    assert len(phone.get("plotly_chart")) == 1 and "Sources:" in page_text(phone)
    # A phone has no control that writes: its only buttons are none, its only link is to explore.
    assert len(phone.button) == 0
    links = phone.get("page_link")
    assert [link.proto.label for link in links] == ["Explore this view on its own page"]
    # Someone else opening /present steps their own copy, not the room's, and cannot take over.
    other = open_present()
    other.button(key="next").click().run()
    other.button(key="next").click().run()
    other.button(key="follow_start").click().run()
    assert "another window already leads the room" in " ".join(e.value for e in other.error)
    assert follow.read("default").slide == 2
    presenter.button(key="follow_stop").click().run()
    ended = _open_follow(open_app)
    assert "The presenter has ended the talk" in page_text(ended) and ended.title[0].value == phone.title[0].value


def test_a_follower_only_reads_existing_talks(open_app, follow_dir):
    for name in ("no_such_talk", "../etc/passwd", "<b>x</b>"):
        app = _open_follow(open_app, name)
        assert app.title[0].value == "No such talk"
    assert not follow_dir.exists()  # nothing was written by a follower


def test_the_presenter_view_shows_notes_the_next_slide_and_a_clock(open_present, follow_dir):
    app = open_present(view="presenter")
    text = page_text(app)
    assert "Welcome the room. Invite everyone to scan the code now" in text
    assert "Next: The J&J–Dartmouth programme becomes a learning community" in text
    assert len(app.get("plotly_chart")) == 2  # the slide and the next slide's thumbnail
    assert "Elapsed 0:0" in text
    app.button(key="last").click().run()
    assert "Next: nothing, this is the last slide." in page_text(app)


def test_in_dutch_the_slide_and_the_room_s_address_keep_the_language(open_present, monkeypatch):
    monkeypatch.setenv("IPSDASH_PUBLIC_URL", "https://ips.example.org")
    app = open_present(lang="nl")
    assert app.title[0].value == "Waar het begon"  # the talk's own Dutch title (data/talks/default.yml)
    text = page_text(app)
    assert "https://ips.example.org/map?year=1999&lang=nl" in text  # the address the QR code holds
    assert "https://ips.example.org/map?year=1999 " not in text + " "
