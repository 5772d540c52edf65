"""Imported programme data is confidential: the public sees groups of at least five programmes, never a
name; an unlocked admin, or data imported as public, shows each programme; a line needs ten."""

from __future__ import annotations

import shutil

import pytest

from ipsdash.access.viewer import Viewer
from ipsdash.config import DATA_DIR
from ipsdash.pipeline import importer
from ipsdash.store.database import connect
from ipsdash.views import fidelity, settings

HEADER = "programme_id,programme_name,geo_code,start_year,quarter,clients_served,clients_employed\n"


def _files(tmp_path, n: int) -> tuple:
    outcomes = tmp_path / "outcomes.csv"
    outcomes.write_text(HEADER + "".join(f"P{i},Secret {i},US-VT,2010,2019-Q2,50,{10 + i}\n" for i in range(n)))
    reviews = tmp_path / "reviews.csv"
    scores = [70 + 3 * i for i in range(n)]
    reviews.write_text(
        "programme_id,review_date,scale,total_score\n"
        + "".join(f"P{i},2019-06-15,IPS-25,{s}\n" for i, s in enumerate(scores))
    )
    return outcomes, reviews


@pytest.fixture
def imported(tmp_path):
    def _import(n: int, public: bool):
        data = tmp_path / "data"
        shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*", "imports", "logs", ".*lock"))
        outcomes, reviews = _files(tmp_path, n)
        store = data / "store.duckdb"
        importer.import_file(outcomes, "outcomes", data_dir=data, store_path=store, public=public)
        importer.import_file(reviews, "fidelity", data_dir=data, store_path=store)
        return connect(store)

    return _import


def test_the_public_sees_groups_never_names(imported):
    con = imported(12, public=False)
    view = fidelity.build(con, settings.FidelitySettings())
    assert "name" not in view.data and (view.data["programmes"] >= fidelity.MIN_GROUP).all()
    assert "Secret" not in view.figure.to_json()
    assert any("confidential" in note for note in view.notes)
    shown = fidelity.build(con, settings.FidelitySettings(viewer=Viewer("lc_staff")))  # staff
    assert "Secret 3" in set(shown.data["name"])


def test_small_groups_are_suppressed_and_said_so(imported):
    view = fidelity.build(imported(6, public=False), settings.FidelitySettings())
    assert (view.data["programmes"] >= fidelity.MIN_GROUP).all() if len(view.data) else True
    assert any("fewer than" in note for note in view.notes)
    assert any("No correlation line" in note for note in view.notes)  # 6 programmes: no line


def test_data_imported_as_public_shows_each_programme(imported):
    view = fidelity.build(imported(12, public=True), settings.FidelitySettings())
    assert "Secret 0" in set(view.data["name"]) and view.fit is not None


def test_filters_cannot_single_a_programme_out_for_the_public(imported):
    con = imported(12, public=False)
    everything = fidelity.build(con, settings.FidelitySettings())
    narrowed = fidelity.build(con, settings.FidelitySettings(geo=("US-VT",), year=2019))
    assert narrowed.data.equals(everything.data)  # area and year are not applied to confidential groups
    scores = [70 + 3 * i for i in range(12)]
    drawn = [x for t in everything.figure.data if t.x is not None for x in t.x if x is not None]
    assert min(scores) not in drawn and max(scores) not in drawn  # the line spans the groups, not programmes
    assert "Imported programme data" not in set(everything.cited["source_short"])  # the imports are named


def test_the_chart_cites_each_import_behind_it_by_id_date_and_rows(imported):
    con = imported(12, public=False)
    imports = con.execute('SELECT import_id, kind, original_name, "rows", is_public FROM imports').df()
    assert list(imports["kind"]) == ["outcomes", "fidelity"] and list(imports["rows"]) == [12, 12]
    for table in ("programmes", "programme_quarters", "fidelity_reviews"):  # every row names its import
        ids = {row[0] for row in con.execute(f"SELECT DISTINCT import_id FROM {table}").fetchall()}
        assert ids and ids <= set(imports["import_id"]), table
    view = fidelity.build(con, settings.FidelitySettings())
    cited = view.cited[view.cited["source_id"].str.startswith("import:")]
    assert sorted(cited["source_id"]) == sorted("import:" + imports["import_id"])
    today = con.execute("SELECT left(imported_at, 10) FROM imports").fetchone()[0]
    assert all(f"{today}, 12 rows" in short for short in cited["source_short"])
    assert not any("outcomes.csv" in short for short in cited["source_short"])  # confidential: named by id
    assert "Import outcomes-" in view.source_line


def test_a_public_import_is_cited_by_its_file_name(imported):
    view = fidelity.build(imported(12, public=True), settings.FidelitySettings())
    assert any(short.startswith("outcomes.csv (") for short in view.cited["source_short"])
