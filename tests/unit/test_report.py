"""Quarterly comparison reports: the scope's programmes named, others unnamed or pooled and protected,
every row citing its import; the CLI writes packs and refuses bad regions and quarters in a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipsdash.__main__ import main
from ipsdash.pipeline import importer
from ipsdash.pipeline.origins import row_origins
from ipsdash.store.database import connect
from ipsdash.views import report
from tests.unit.conftest import OUTCOMES_HEADER

PLACES = {"US-CT": 7, "US-NH": 6, "US-VT": 2}


def _rows() -> str:
    lines = []
    for place, count in PLACES.items():
        for i in range(count):
            for q, employed in (("2025-Q1", 10 + i), ("2025-Q2", 12 + i)):
                lines.append(f"{place[3:]}{i},Secret {place} team {i},{place},2015,{q},40,{employed}\n")
    return OUTCOMES_HEADER + "".join(lines)


@pytest.fixture
def imported(programme_data: Path, tmp_path: Path) -> Path:
    path = tmp_path / "q2-2025.csv"
    path.write_text(_rows())
    importer.import_file(path, "outcomes", data_dir=programme_data, store_path=programme_data / "store.duckdb")
    return programme_data


def _data(data_dir: Path) -> report.ReportData:
    with connect(data_dir / "store.duckdb") as con:
        return report.load(con, row_origins(data_dir))


def test_a_region_report_names_its_programmes_and_protects_small_localities(imported):
    data = _data(imported)
    built = report.build(data, report.parse_scope(data, ["US-CT"], [], "2025-Q2"), "2025-Q2")
    history, this_quarter, localities, ranks, changes, _ = built.sections
    assert "Secret US-CT team 3 (CT3)" in set(this_quarter.data["label"])
    assert not any("US-NH" in str(v) or "US-VT" in str(v) for v in this_quarter.data["label"])
    # Vermont's 2 programmes are too few; New Hampshire is left out too, or Vermont = total - CT - NH.
    assert set(localities.data["label"]) == {"US-CT"}  # the fixture geographies have no names
    assert any("not shown" in n for n in localities.notes)
    assert "Learning community (pooled)" in set(history.data["series"])
    assert set(changes.data["change"]) == {"+5.0 points"}
    assert ranks.data["rank"].str.contains(" of 7 in US-CT").sum() == 7
    figures = "".join(s.figure.to_json() for s in built.sections)
    assert "Secret US-NH" not in figures and "Secret US-VT" not in figures
    imports = set(this_quarter.data["source_short"])
    assert len(imports) == 1 and next(iter(imports)).startswith("q2-2025.csv (imported 20")
    assert {s for s in built.cited["source_id"] if s.startswith("data:import:outcomes-")}


def test_a_programme_lead_sees_the_others_of_the_state_unnamed(imported):
    data = _data(imported)
    built = report.build(data, report.parse_scope(data, [], ["CT0"], "2025-Q2"), "2025-Q2")
    this_quarter = built.sections[1]
    labels = list(this_quarter.data["label"])
    assert "Secret US-CT team 0 (CT0)" in labels
    assert sum(label.startswith("Another US-CT programme") for label in labels) == 6
    assert "Secret US-CT team 1" not in "".join(s.figure.to_json() + s.data.to_csv() for s in built.sections)
    others = this_quarter.data[this_quarter.data["label"].str.startswith("Another")]
    assert others["clients_served"].isna().all() and others["clients_employed"].isna().all()  # rates only


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["XX-YY", "--quarter", "2025-Q2", "--html", "r.html"], "no programmes in region 'XX-YY'; regions in the data"),
        (["US-CT", "--quarter", "2025Q2", "--html", "r.html"], "'2025Q2' is not a quarter like 2025-Q2"),
        (
            ["US-CT", "--quarter", "2019-Q1", "--html", "r.html"],
            "no data for 2019-Q1 in US-CT; its quarters run 2025-Q1 to 2025-Q2",
        ),
        (["US-CT", "--quarter", "2025-Q2"], "give --pdf FILE and/or --html FILE"),
        (["--all", "--quarter", "2025-Q2"], "give --out DIR"),
    ],
)
def test_bad_report_arguments_exit_2_with_a_sentence(capsys, imported, tmp_path, args, message):
    args = [str(tmp_path / a) if a.endswith(".html") else a for a in args]
    code = main(["report", *args, "--data-dir", str(imported), "--store", str(imported / "store.duckdb")])
    out, err = capsys.readouterr()
    assert code == 2 and message in err and "Traceback" not in out + err
    assert not list(tmp_path.glob("*.html"))


def test_report_all_writes_one_pack_per_region(capsys, imported, tmp_path):
    out_dir = tmp_path / "packs"
    paths = ["--data-dir", str(imported), "--store", str(imported / "store.duckdb")]
    code = main(["report", "--all", "--quarter", "2025-Q2", "--out", str(out_dir), "--no-pdf", *paths])
    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in out_dir.iterdir()) == ["US-CT.html", "US-NH.html", "US-VT.html", "plotly.min.js"]
    page = (out_dir / "US-VT.html").read_text()
    assert "Secret US-VT team 1" in page and "Secret US-CT" not in page and "q2-2025.csv (imported" in page
    assert "<script src='plotly.min.js'></script>" in page  # the folder's one copy, beside the packs


def test_names_from_files_are_drawn_as_written_never_as_markup(programme_data, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text(
        OUTCOMES_HEADER + "".join(f"M{i},<b>Bold</b> & co {i},US-ME,2015,2025-Q2,40,{10 + i}\n" for i in range(3))
    )
    store = programme_data / "store.duckdb"
    importer.import_file(path, "outcomes", data_dir=programme_data, store_path=store, original_name="<i>odd</i>.csv")
    data = _data(programme_data)
    built = report.build(data, report.parse_scope(data, ["US-ME"], [], "2025-Q2"), "2025-Q2")
    figures = "".join(str(s.figure.to_dict()) for s in built.sections)  # every string Plotly will draw
    assert "<b>Bold</b>" not in figures and "&lt;b&gt;Bold&lt;/b&gt; &amp; co 1" in figures
    assert "<b>Bold</b> & co 1 (M1)" in set(built.sections[1].data["label"])  # the data keeps the name as written
    assert "&lt;i&gt;odd&lt;/i&gt;.csv (imported" in figures
