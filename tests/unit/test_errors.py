"""Every problem a user sees is a UserError, printed by the CLI and tabled by the app from the same parts:
what is wrong, and where (file, row, column) as far as that is known."""

from __future__ import annotations

from ipsdash.errors import UserError
from ipsdash.intake import programmes, validate
from ipsdash.outputs import publish, talk_track
from ipsdash.pipeline import importer, manifest


def test_the_problems_users_see_share_one_base_type():
    for kind in (
        importer.ImportRejected,
        importer.ImportFailed,
        importer.ImportNotFound,
        manifest.ManifestError,
        validate.DataError,
        publish.PublishRefused,
        talk_track.TalkError,
    ):
        assert issubclass(kind, UserError), kind


def test_a_refused_file_reads_the_same_in_the_cli_and_the_app():
    problems = programmes.ProblemList([programmes.FileProblem(3, "quarter", "'2019-Q5' is not a quarter")], total=4)
    err = importer.ImportRejected(problems, file="teams.csv")
    assert err.exit_code == 2 and err.summary == "4 problem(s) in teams.csv; nothing was imported."
    assert err.lines() == [
        "teams.csv: row 3, column quarter: '2019-Q5' is not a quarter",
        "teams.csv: ... and 3 more; 4 problems in all; nothing was imported.",
    ]
    assert err.located() == [("teams.csv", 3, "quarter", "'2019-Q5' is not a quarter")]


def test_data_problems_name_their_own_file_and_an_outcome_alone_is_one_sentence():
    err = validate.DataError([validate.Problem("observations.csv", 7, "year", "'19x' is not a four-digit year")])
    assert err.lines() == [
        "observations.csv:7: year: '19x' is not a four-digit year",
        "1 problem(s) in data/; the previous store was left as it was.",
    ]
    assert err.located() == [("observations.csv", 7, "year", "'19x' is not a four-digit year")]
    failed = importer.ImportFailed("Could not write (disk full); nothing was imported.\nTry again.")
    assert failed.summary.startswith("Could not write") and failed.located() == []
    assert failed.lines(where="o.csv") == ["o.csv: Could not write (disk full); nothing was imported.", "Try again."]
