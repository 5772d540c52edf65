"""The audience's address comes from configuration, never from guessing, and encodes the slide's view."""

from __future__ import annotations

from ipsdash.outputs import audience
from ipsdash.views import settings


def test_the_live_address_is_the_page_that_shows_the_slides_view():
    config = {audience.LIVE_ENV: "https://ips.example.org/"}
    address = audience.slide_address("map", settings.MapSettings("us", year=2010), 3, config)
    assert address == "https://ips.example.org/map?view=us&year=2010"


def test_the_published_copy_is_used_when_chosen_or_when_it_is_all_there_is():
    both = {audience.LIVE_ENV: "https://live.example", audience.PUBLISHED_ENV: "https://copy.example/ips"}
    assert audience.slide_address("trials", settings.TrialsSettings(), 4, both).startswith("https://live.example/")
    chosen = {**both, audience.MODE_ENV: "published"}
    assert audience.slide_address("trials", settings.TrialsSettings(), 4, chosen) == (
        "https://copy.example/ips/talk.html#slide-4"
    )
    only = {audience.PUBLISHED_ENV: "https://copy.example/ips"}
    assert audience.slide_address("map", settings.MapSettings(), 1, only).endswith("#slide-1")


def test_nothing_is_guessed_without_configuration_and_bad_addresses_are_ignored():
    assert audience.slide_address("map", settings.MapSettings(), 1, {}) is None
    assert audience.slide_address("map", settings.MapSettings(), 1, {audience.LIVE_ENV: "javascript:alert(1)"}) is None


def test_the_qr_code_is_a_png_made_offline():
    png = audience.qr_png("https://ips.example.org/map?view=us")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 200
