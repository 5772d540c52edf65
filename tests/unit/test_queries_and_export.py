"""Queries return what their filters say; exported CSV cannot run as a spreadsheet formula."""

from __future__ import annotations

import codecs
import csv
import io

import pandas as pd

from ipsdash.domain.formatting import format_value, with_value_text
from ipsdash.outputs.csv_export import to_safe_csv
from ipsdash.store import queries


def test_filters_narrow_observations(mini_store):
    assert len(queries.get_observations(mini_store)) == 6
    assert set(queries.get_observations(mini_store, geo_codes=["USA"])["value"]) == {523, 857, 486}
    assert list(queries.get_observations(mini_store, metrics=["lc_programmes"])["value"]) == [486]
    assert set(queries.get_observations(mini_store, source_ids=["doc_a"])["geo_code"]) == {"NLD", "WLD", "US-NH"}
    assert list(queries.get_observations(mini_store, qualifiers=["approx"])["geo_code"]) == ["US-NH"]


def test_year_range_and_undated_values(mini_store):
    dated = queries.get_observations(mini_store, year_range=(2019, 2020), include_undated=False)
    assert sorted(dated["year"].tolist()) == [2019, 2019, 2019, 2020]
    with_undated = queries.get_observations(mini_store, year_range=(2019, 2020), include_undated=True)
    assert len(with_undated) == 5


def test_text_search_is_case_insensitive_and_not_injectable(mini_store):
    assert list(queries.get_observations(mini_store, text="NETHERLANDS")["geo_code"]) == ["NLD"]
    assert queries.get_observations(mini_store, text="' OR 1=1 --").empty


def test_text_search_finds_places_and_measures_as_the_language_in_use_names_them(mini_store):
    """A Dutch reader finds the Netherlands as 'Nederland', a Spanish one typing no accents as 'Paises
    Bajos'; the store's English words are found in every language; in English 'Nederland' finds nothing."""
    from ipsdash import i18n

    def found(lang: str, text: str) -> list[str]:
        with i18n.using(lang):
            return sorted(queries.get_observations(mini_store, text=text)["geo_code"])

    assert found("nl", "nederland") == found("es", "Paises Bajos") == found("it", "paesi bassi") == ["NLD"]
    assert found("nl", "Netherlands") == ["NLD"]
    assert found("en", "Nederland") == []
    with i18n.using("nl"):
        measure = queries.get_observations(mini_store, metrics=["lc_programmes"])["metric_label"].iloc[0]
    assert measure != "Programmes in learning-community jurisdictions"
    assert found("nl", measure[2:].upper()) == ["USA"]


def test_values_by_key_carry_their_key_and_skip_what_does_not_exist(mini_store):
    keys = [
        ("USA", "lc_programmes", 2019, "doc_b"),
        ("ATL", "programmes", 2016, "doc_b"),
        ("USA", "programmes", 2016, "doc_b"),
    ]
    found = queries.get_values_by_key(mini_store, keys)
    assert found[["geo_code", "metric", "year", "value"]].values.tolist() == [
        ["USA", "lc_programmes", 2019, 486],
        ["USA", "programmes", 2016, 523],
    ]


def test_sources_count_the_values_that_cite_them(mini_store):
    counts = queries.get_sources(mini_store).set_index("source_id")["n_values"].to_dict()
    # doc_a: 3 observations + 3 milestones; doc_b: 3 observations + 3 population rows
    assert counts == {"doc_a": 6, "doc_b": 6, "doc_c": 0}


def test_exported_csv_neutralises_formula_cells_but_keeps_numbers(mini_store):
    frame = queries.get_observations(mini_store)
    rows = list(csv.DictReader(io.StringIO(to_safe_csv(frame).decode("utf-8-sig"))))
    notes = {r["geo_code"]: r["note"] for r in rows}
    assert notes["WLD"] == '\'=HYPERLINK("http://evil")'
    assert notes["US-NH"] == "'-1+1 looks like a formula."
    assert all(not r[c].startswith(("=", "+", "-", "@")) for r in rows for c in r)
    assert {r["value"] for r in rows} >= {"523.0", "30.52"}


def test_exported_csv_carries_a_byte_order_mark_and_round_trips_every_name():
    """Excel on Windows reads a CSV without a mark in the system code page ("UmeÃ¥"); with one it reads UTF-8.
    The reader Excel's import uses ("utf-8-sig") gives back exactly the text and the header."""
    frame = pd.DataFrame(
        {"geo_code": ["SE-AC", "CA-QC", "PL", "JP"], "geo_name": ["Västerbotten (Umeå)", "Québec", "Łódź", "東京"]}
    )
    raw = to_safe_csv(frame)
    assert raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text))) == ["geo_code", "geo_name"]
    pd.testing.assert_frame_equal(pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig"), frame)


def test_values_are_shown_with_their_qualifier():
    assert format_value(1000, "programmes", "at_least") == "1,000+"
    assert format_value(2, "percent", "at_most") == "≤2%"
    assert format_value(45, "percent", "approx") == "~45%"
    assert format_value(30.52, "percent", "exact") == "30.52%"
    assert format_value(20000, "people_per_year", "target") == "20,000 (target)"


def test_value_text_column_adds_units_except_percent(mini_store):
    shown = with_value_text(queries.get_observations(mini_store, geo_codes=["NLD", "WLD"]))
    assert shown.set_index("geo_code")["value_text"].to_dict() == {"NLD": "30.52%", "WLD": "20 countries"}
