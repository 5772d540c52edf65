"""Who sees what, per role, on every output path of programme data: the view's data (the table and the
CSV download), its text alternative, its figure (what the PNG/SVG/PDF render), the programme history, a
hand-edited link, a talk slide and the CLI's export. A Connecticut lead sees Connecticut's programmes
and only pooled groups of the rest; a programme lead one programme; the public groups only."""

from __future__ import annotations

import pandas as pd
import pytest

from ipsdash.__main__ import main
from ipsdash.access.viewer import PUBLIC, Viewer
from ipsdash.outputs import talk_track as talk
from ipsdash.outputs.csv_export import to_safe_csv
from ipsdash.store import queries
from ipsdash.store.database import connect
from ipsdash.views import fidelity, settings
from tests.scoped_programmes import OUTSIDE_CT, PROGRAMMES, make_scoped_data, write_access

CT_LEAD = Viewer("region_lead", geos=("US-CT",))
US_LEAD = Viewer("region_lead", geos=("USA",))
CT2_LEAD = Viewer("programme_lead", programmes=("CT2",))
STAFF = Viewer("lc_staff")
NAMES = [name for _, name, _, _ in PROGRAMMES]


@pytest.fixture(scope="module")
def scoped(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scoped")
    data, store = make_scoped_data(folder)
    with connect(store) as con:
        yield con, data, store, folder


def _everything_shown(view) -> str:
    """Every text a viewer can get from a view: the table/CSV, the text alternative, notes, the figure."""
    return to_safe_csv(view.data).decode("utf-8-sig") + view.alt + " ".join(view.notes) + view.figure.to_json()


def _names_in(text: str) -> set[str]:
    return {name for name in NAMES if name in text}


@pytest.mark.parametrize(
    ("viewer", "own", "suppressed"),
    # suppressed: the group of 2 exemplary Bologna programmes, and the smallest other group of the rest
    # (complementary: the number of programmes is stated elsewhere, so one small group alone would show)
    [
        (PUBLIC, set(), 2 + 7),
        (CT_LEAD, {"Hartford 1", "Hartford 2", "Hartford 3"}, 2 + 6),
        (US_LEAD, {"Hartford 1", "Hartford 2", "Hartford 3", *(f"Vermont Secret {i}" for i in range(1, 7))}, 2 + 6),
        (CT2_LEAD, {"Hartford 2"}, 2 + 7),
        (STAFF, set(NAMES), 0),
    ],
    ids=["public", "ct-lead", "us-lead", "programme-lead", "staff"],
)
def test_each_role_sees_its_programmes_by_name_and_no_other_name_anywhere(scoped, viewer, own, suppressed):
    con = scoped[0]
    view = fidelity.build(con, settings.FidelitySettings(viewer=viewer))
    assert _names_in(_everything_shown(view)) == own
    shown = view.data.dropna(subset=["programme_id"]) if "programme_id" in view.data else view.data.iloc[:0]
    assert set(shown.get("name", [])) == own
    pooled = view.data["programmes"].dropna() if "programmes" in view.data else pd.Series(dtype=float)
    assert (pooled >= fidelity.MIN_GROUP).all()
    assert int(pooled.sum()) == len(PROGRAMMES) - len(own) - suppressed


def test_a_connecticut_lead_sees_the_rest_only_as_groups_of_five_or_more(scoped):
    view = fidelity.build(scoped[0], settings.FidelitySettings(viewer=CT_LEAD))
    groups = view.data[view.data["programmes"].notna()].set_index("label")["programmes"].to_dict()
    # Vermont's six; Utrecht's six are left out with Bologna's two, as the public table leaves out their group
    assert groups == {"Fair fidelity": 6}
    assert any("outside your access" in note and "2 groups not shown" in note for note in view.notes)
    assert "3 programmes one by one and 6 programmes in 1 groups" in view.alt
    # The public sees the pools with Connecticut's programmes in them, never Connecticut's alone.
    public = fidelity.build(scoped[0], settings.FidelitySettings()).data.set_index("label")["programmes"]
    assert public.to_dict() == {"Fair fidelity": 8}


def test_a_lead_and_the_public_side_by_side_give_no_group_away(scoped):
    """The public table hides the exemplary group (2) and, as its complement, the good one (7). A Connecticut
    lead, who knows their own Hartford 3 is in the good band, would get Bologna's 2 from their own good
    group of Utrecht's 6 (17 - 8 - 1 - 6); so the lead's table hides the good group too."""
    lead = fidelity.build(scoped[0], settings.FidelitySettings(viewer=CT_LEAD)).data
    public = fidelity.build(scoped[0], settings.FidelitySettings()).data
    assert "Good fidelity" not in set(lead["label"].dropna()) | set(public["label"].dropna())


def test_a_hand_edited_link_cannot_reach_a_programme_outside_the_scope(scoped):
    con = scoped[0]
    options = fidelity.options(con, CT_LEAD)
    assert set(options.geos) == {"US-CT"}  # the area filter offers Connecticut alone
    asked, problems = settings.parse_fidelity({"geo": ["NLD"]}, options)
    assert asked.geo == () and [p.field for p in problems] == ["geo"]
    # Even a NLD filter passed straight to the build shows no Dutch programme, only the same pools.
    forced = fidelity.build(con, settings.FidelitySettings(geo=("NLD",), viewer=CT_LEAD))
    assert not _names_in(_everything_shown(forced)) and "programme_id" not in forced.data.dropna(axis=1, how="all")
    history = fidelity.build_programme(con, "NL1", "Utrecht Secret 1", CT_LEAD)
    assert history.data.empty and fidelity.build_programme(con, "CT1", "Hartford 1", CT_LEAD).data.shape[0] == 1
    assert queries.get_programme_history(con, "CT1", CT2_LEAD)["reviews"].empty


def test_a_link_or_a_talk_slide_cannot_choose_who_is_looking(scoped):
    assert settings.to_params(settings.FidelitySettings(viewer=STAFF)) == {}  # never written into a link
    slide, problems = talk._slide(
        1,
        {"title": "t", "takeaway": "x", "view": "fidelity", "with": {"viewer": "staff"}},
        talk.options_from(scoped[0]),
    )
    assert slide.settings.viewer == PUBLIC and problems == ["slide 1: unknown setting 'viewer' for a fidelity slide"]
    shown = talk.render_slide(
        scoped[0], talk.Slide(1, "t", "x", "fidelity", settings.FidelitySettings())
    )  # a slide, the offline talk and the published copy build as the public
    assert not _names_in(_everything_shown(shown.view))


def test_the_store_hands_out_programmes_outside_the_scope_without_identity(scoped):
    pool = queries.get_fidelity_pool(scoped[0], "IPS-25", CT_LEAD)
    # no id, name, area or date: only the imports behind each row, which the view cites and never draws
    assert list(pool.columns) == ["total_score", "employment_rate_pct", "served", "is_synthetic", "import_ids"]
    assert len(pool) == len(OUTSIDE_CT)
    assert set(queries.get_fidelity_points(scoped[0], "IPS-25", [], None, CT_LEAD)["programme_id"]) == {
        "CT1",
        "CT2",
        "CT3",
    }


def _export(capsys, data, store, *args):
    code = main(["export", *args, "--data-dir", str(data), "--store", str(store)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_the_cli_exports_one_persons_programmes_and_refuses_the_rest(scoped, capsys, monkeypatch, tmp_path):
    _, data, store, folder = scoped
    monkeypatch.setenv("IPSDASH_ACCESS_FILE", str(write_access(folder)))
    code, out, _ = _export(capsys, data, store, "programmes", "--as", "trainer@ct.example.org")
    assert code == 0 and _names_in(out) == {"Hartford 1", "Hartford 2", "Hartford 3"}
    code, out, _ = _export(capsys, data, store, "programme_quarters", "--as", "lead@hartford2.example.org")
    rows = pd.read_csv(__import__("io").StringIO(out.lstrip("\ufeff")))
    assert code == 0 and set(rows["programme_id"]) == {"CT2"}
    code, _, err = _export(capsys, data, store, "fidelity_reviews", "--as", "stranger@example.org")
    assert code == 2 and "has no entry; nothing was written" in err
    code, _, err = _export(capsys, data, store, "programmes")
    assert code == 2 and "programme data is confidential" in err
    code, out, _ = _export(capsys, data, store, "programmes", "--confidential")
    assert code == 0 and _names_in(out) == set(NAMES)
    bad = tmp_path / "bad.toml"
    bad.write_text('[[person]]\nemail = "trainer@ct.example.org"\nrole = "region_lead"\ngeos = ["Connecticut"]\n')
    monkeypatch.setenv("IPSDASH_ACCESS_FILE", str(bad))
    code, out, err = _export(capsys, data, store, "programmes", "--as", "trainer@ct.example.org")
    assert code == 2 and out == "" and "'Connecticut' is not a geography code" in err
