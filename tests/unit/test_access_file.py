"""The access file: each person's role and scope, every problem named by file and person, and a file
with any problem refused whole (access can only narrow, never widen)."""

from __future__ import annotations

import pytest

from ipsdash.access import access_file
from ipsdash.access.access_file import AccessFileError, parse_access
from ipsdash.access.viewer import PUBLIC, Viewer
from ipsdash.config import ROOT
from tests.scoped_programmes import ACCESS


def test_each_person_gets_their_role_and_scope():
    access = parse_access(ACCESS, "access.toml")
    ct = access.viewer_for("Trainer@CT.example.org", "someone", email_verified=True)
    assert ct == Viewer("region_lead", geos=("US-CT",), who="trainer@ct.example.org")
    assert ct.sees_programme("X", "US-CT") and not ct.sees_programme("X", "US-VT", "USA")
    national = access.viewer_for("national@us.example.org", None, email_verified=True)
    assert national.sees_programme("X", "US-VT", "USA") and not national.sees_programme("X", "NLD")
    lead = access.viewer_for("lead@hartford2.example.org", None, email_verified=True)
    assert lead.programmes == ("CT2",) and lead.sees_programme("CT2") and not lead.sees_programme("CT1", "US-CT")
    assert access.viewer_for(None, "staff-0001", email_verified=False).sees_everything


def test_an_unverified_email_or_an_unknown_person_gets_no_entry():
    access = parse_access(ACCESS, "access.toml")
    assert access.viewer_for("trainer@ct.example.org", "other", email_verified=False) is None
    assert access.viewer_for("nobody@example.org", "nobody", email_verified=True) is None
    assert PUBLIC.is_public and not PUBLIC.sees_programme("CT1", "US-CT", "USA")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[person]\nemail = 1", "access.toml: not valid TOML"),
        ('[[person]]\nemail = "a@b.org"\nrole = "admin"', "person 1 (a@b.org): role 'admin' is not one of"),
        ('[[person]]\nemail = "a@b.org"\nrole = "region_lead"', "person 1 (a@b.org): a region_lead needs 'geos'"),
        ('[[person]]\nemail = "a@b.org"\nrole = "region_lead"\ngeos = ["Connecticut"]', "'Connecticut' is not a geo"),
        ('[[person]]\nemail = "a@b.org"\nrole = "lc_staff"\ngeos = ["US-CT"]', "a lc_staff has no 'geos'"),
        ('[[person]]\nrole = "lc_staff"', "person 1: needs an email or a subject"),
        ('[[person]]\nemail = "not-an-email"\nrole = "lc_staff"', "is not an email address"),
        ('[[person]]\nemail = "a@b.org"\nrole = "lc_staff"\nrol = "x"', "unknown key 'rol'"),
        ('[[person]]\nemail = "a@b.org"\nrole = "programme_lead"\nprogrammes = ["a b"]', "'a b' is not a programme"),
        ('[[person]]\nemail = "a@b.org"\nrole = "lc_staff"\n[[person]]\nemail = "A@b.org"\nrole = "lc_staff"', "twice"),
        ("[people]\nx = 1", "unknown key 'people'"),
    ],
)
def test_a_bad_access_file_names_file_person_and_problem(text, expected):
    with pytest.raises(AccessFileError) as err:
        parse_access(text, "access.toml")
    assert any(expected in problem and problem.startswith("access.toml: ") for problem in err.value.problems), err


def test_one_bad_person_refuses_the_whole_file_never_widening_access():
    text = ACCESS + '\n[[person]]\nemail = "x@y.org"\nrole = "superuser"\n'
    with pytest.raises(AccessFileError) as err:
        parse_access(text, "access.toml")
    assert err.value.problems == [
        "access.toml: person 5 (x@y.org): role 'superuser' is not one of lc_staff, region_lead, programme_lead"
    ]


def test_a_missing_or_huge_file_is_refused(tmp_path):
    with pytest.raises(AccessFileError, match="cannot be read"):
        access_file.load_access(tmp_path / "absent.toml")
    huge = tmp_path / "huge.toml"
    huge.write_text("#" * (access_file.MAX_BYTES + 1))
    with pytest.raises(AccessFileError, match="at most 1,000,000"):
        access_file.load_access(huge)


def test_a_changed_file_is_read_again(tmp_path):
    path = tmp_path / "access.toml"
    path.write_text('[[person]]\nsubject = "s1"\nrole = "lc_staff"\n')
    assert access_file.cached_access(path).viewer_for(None, "s1", False).sees_everything
    path.write_text('[[person]]\nsubject = "s1"\nrole = "programme_lead"\nprogrammes = ["P1", "P2"]\n')
    assert access_file.cached_access(path).viewer_for(None, "s1", False).programmes == ("P1", "P2")


def test_the_example_access_file_in_the_repository_is_valid():
    access = access_file.load_access(ROOT / "deploy" / "access.example.toml")
    assert {v.role for v in [*access.by_email.values(), *access.by_subject.values()]} == {
        "lc_staff",
        "region_lead",
        "programme_lead",
    }


def test_the_cli_checks_an_access_file(capsys, tmp_path):
    from ipsdash.__main__ import main

    assert main(["access", str(ROOT / "deploy" / "access.example.toml")]) == 0
    out = capsys.readouterr().out
    assert "trainer@ct.example.org: region lead for US-CT" in out and "4 entries, no problems" in out
    bad = tmp_path / "access.toml"
    bad.write_text('[[person]]\nemail = "x@y.org"\nrole = "boss"\n')
    assert main(["access", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and f"{bad}: person 1 (x@y.org): role 'boss' is not one of" in captured.err
    assert "Traceback" not in captured.err
