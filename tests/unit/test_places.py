"""Place names in the language in use: CLDR for countries and the world, pycountry's ISO 3166-2
translations for sub-national areas, the data's own English names in English."""

from __future__ import annotations

import pandas as pd
import pytest

from ipsdash.i18n import places, using


@pytest.mark.parametrize(("lang", "expected"), [("nl", "Nederland"), ("it", "Paesi Bassi"), ("es", "Países Bajos")])
def test_a_country_is_named_as_cldr_names_it(lang, expected):
    with using(lang):
        assert places.name("NLD", "Netherlands") == expected


def test_english_keeps_the_data_s_own_name_word_for_word():
    with using("en"):
        assert places.name("NLD", "Netherlands") == "Netherlands"
        assert places.name("IT-25", "Lombardy") == "Lombardy"
        assert places.name("XEU", "Europe (multi-country studies)") == "Europe (multi-country studies)"
    assert places.name("USA", "United States") == "United States"  # English is the default


def test_a_subdivision_is_named_by_iso_3166_2_in_the_language():
    with using("it"):
        assert places.name("IT-25", "Lombardy") == "Lombardia"


def test_the_world_is_cldr_s_001_with_a_capital():
    with using("nl"):
        assert places.name("WLD", "World") == "Wereld"
    with using("es"):
        assert places.name("WLD", "World") == "Mundo"


def test_a_parenthetical_of_ours_is_kept():
    with using("nl"):
        assert places.name("SE-AC", "Västerbotten (Umeå)").endswith("(Umeå)")


def test_an_unknown_place_keeps_its_name():
    with using("nl"):
        assert places.name("XLC", "Something we made up") == "Something we made up"
        assert places.name("ZZZ", "Nowhere") == "Nowhere"
        assert places.name("NLD", "") == ""


def test_localise_returns_a_translated_copy():
    frame = pd.DataFrame({"geo_code": ["NLD", "ESP", "NLD"], "name": ["Netherlands", "Spain", "Netherlands"]})
    with using("nl"):
        out = places.localise(frame)
    assert list(out["name"]) == ["Nederland", "Spanje", "Nederland"]
    assert list(frame["name"]) == ["Netherlands", "Spain", "Netherlands"]  # the original is untouched
    with using("it"):
        assert list(places.localise(frame.rename(columns={"name": "geo_name"}), label="geo_name")["geo_name"]) == [
            "Paesi Bassi",
            "Spagna",
            "Paesi Bassi",
        ]
    assert places.localise(frame).equals(frame)  # English


def test_the_i18n_package_imports_no_other_ipsdash_package():
    import ast
    from pathlib import Path

    for path in Path(places.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ipsdash"):
                assert node.module.startswith("ipsdash.i18n"), (path.name, node.module)
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert not alias.name.startswith("ipsdash") or alias.name.startswith("ipsdash.i18n")


def test_hong_kong_keeps_cldr_s_name_where_babel_has_no_short_one():
    with using("nl"):
        assert places.name("HKG", "Hong Kong") == "Hongkong SAR van China"


def test_pycountry_s_bracketed_alternatives_are_left_out():
    with using("nl"):
        assert places.name("ES-CT", "Catalonia") == "Catalonië"
    with using("it"):
        assert places.name("ES-CT", "Catalonia") == "Catalunya"  # no Italian name: the ISO name, without '[Cataluña]'
        assert places.name("SE-AC", "Västerbotten (Umeå)") == "Västerbottens län (Umeå)"


@pytest.mark.parametrize(
    ("lang", "country", "region"),
    [
        ("en", "Netherlands (NLD)", "Lombardy, Italy (IT-25)"),
        ("nl", "Nederland (NLD)", "Lombardije, Italië (IT-25)"),
        ("it", "Paesi Bassi (NLD)", "Lombardia, Italia (IT-25)"),
        ("es", "Países Bajos (NLD)", "Lombardía, Italia (IT-25)"),
    ],
)
def test_the_area_picker_finds_places_by_their_name_in_the_language(real_store, lang, country, region):
    from ipsdash.store import queries

    with using(lang):
        labels = list(queries.get_profile_areas(real_store)["label"])
        growth = queries.get_growth_series(real_store)
    assert country in labels and region in labels
    assert country in set(growth["geo_label"])
