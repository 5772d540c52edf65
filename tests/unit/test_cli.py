"""The command line never shows a traceback: bad input exits 2 with `FILE: row N, column C: ...` lines,
anything else exits 1 with a sentence; counts are exact when the list is cut short."""

from __future__ import annotations

import codecs
import errno
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ipsdash.__main__ import main
from ipsdash.config import ROOT
from ipsdash.pipeline import manifest
from tests.unit.conftest import OUTCOMES_HEADER

GOOD = OUTCOMES_HEADER + "P1,Team one,US-NH,2015,2019-Q1,40,17\n"


def _run(capsys, data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--data-dir", str(data_dir), "--store", str(data_dir / "store.duckdb")])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _problem_lines(err: str, label: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith(f"{label}: ")]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        ("folder", "is a folder, not a file"),
        (
            OUTCOMES_HEADER + "P1,Team,NLD,2015,2019-Q1,40,17,x\nP2,Team,NLD,2015,2019-Q1,40,17,y\n",
            "row 3: has 8 fields",
        ),
        ((OUTCOMES_HEADER + "P1,Équipe,NLD,2015,2019-Q1,40,17\n").encode("latin-1"), "row 2: not valid UTF-8"),
        (OUTCOMES_HEADER + "P1,Team,NLD,2015.0,2019-Q1,1e2,17\n", "row 2, column clients_served: '1e2' is not"),
        (b"PK\x03\x04 not really a workbook", "is not an XLSX workbook"),
    ],
    ids=["missing", "folder", "extra-fields", "encoding", "bad-cell", "fake-xlsx"],
)
def test_bad_input_exits_2_with_every_problem_on_its_own_line(capsys, programme_data, tmp_path, content, expected):
    path = tmp_path / ("file.xlsx" if content and content[:2] == b"PK" else "file.csv")
    if content == "folder":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    code, _, err = _run(capsys, programme_data, "import", "outcomes", str(path))
    assert code == 2
    assert any(expected in line for line in _problem_lines(err, str(path))), err
    assert manifest.read_entries(programme_data) == []


def test_a_long_list_is_cut_but_the_count_is_exact(capsys, programme_data, tmp_path):
    path = tmp_path / "many.csv"
    path.write_text(OUTCOMES_HEADER + "".join(f"P{i},Team {i},NLD,2015,2019-Q1,1e2,17\n" for i in range(1234)))
    code, _, err = _run(capsys, programme_data, "import", "outcomes", str(path))
    assert code == 2
    lines = _problem_lines(err, str(path))
    assert len([line for line in lines if ", column clients_served: " in line]) == 200
    assert f"{path}: ... and 1,034 more; 1,234 problems in all; nothing was imported." in lines


def test_imports_are_listed_and_removed_by_id(capsys, programme_data, tmp_path):
    path = tmp_path / "teams.csv"
    path.write_text(GOOD)
    assert _run(capsys, programme_data, "import", "outcomes", str(path), "--public")[0] == 0
    entry = manifest.read_entries(programme_data)[0]
    code, out, _ = _run(capsys, programme_data, "imports")
    assert code == 0
    assert out.splitlines()[0].split() == ["id", "kind", "original", "name", "rows", "imported", "(UTC)", "public"]
    assert out.splitlines()[1].split()[:5] == [entry.id, "outcomes", "teams.csv", "1", entry.imported_at]
    assert out.splitlines()[1].split()[-1] == "yes"
    code, _, err = _run(capsys, programme_data, "imports", "remove", "nope")
    assert code == 2 and "no import has the id nope" in err
    code, out, _ = _run(capsys, programme_data, "imports", "remove", entry.id)
    assert code == 0 and out.startswith(f"Removed import {entry.id} (teams.csv, 1 rows)")
    assert "No imports" in _run(capsys, programme_data, "imports", "list")[1]


def test_an_export_opens_in_excel_with_every_programme_name_as_written(capsys, programme_data, tmp_path):
    """A coordinator's names survive the trip out and back: the export carries a byte-order mark, so Excel
    reads UTF-8 (not the system code page, "UmeÃ¥"), and reads back through Excel's own import encoding."""
    names = ["Équipe Umeå", "São João da Madeira", "Łódź Zatrudnienie", "東京 IPS", "=Zürich team"]
    rows = "".join(f"P{i},{name},NLD,2015,2019-Q1,40,17\n" for i, name in enumerate(names))
    source = tmp_path / "teams.csv"
    source.write_bytes((OUTCOMES_HEADER + rows).encode("utf-8-sig"))  # as Excel saves "CSV UTF-8"
    assert _run(capsys, programme_data, "import", "outcomes", str(source))[0] == 0
    out = tmp_path / "programmes.csv"
    assert _run(capsys, programme_data, "export", "programmes", "--confidential", "--out", str(out))[0] == 0
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and not raw.startswith(codecs.BOM_UTF8 * 2)
    exported = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
    assert exported.columns[0] == "programme_id"  # the mark is not glued to the first header
    by_id = dict(zip(exported["programme_id"], exported["name"], strict=True))
    # Every name as written; the one a spreadsheet would run as a formula keeps its guard.
    assert [by_id[f"P{i}"] for i in range(len(names))] == [*names[:-1], "'=Zürich team"]


def test_a_full_disk_exits_1_with_a_sentence(capsys, programme_data, tmp_path, monkeypatch):
    path = tmp_path / "teams.csv"
    path.write_text(GOOD)

    def no_space(*args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", no_space)
    code, _, err = _run(capsys, programme_data, "import", "outcomes", str(path))
    assert code == 1
    assert "No space left on device; nothing was imported." in err


def test_a_build_that_cannot_replay_an_import_names_it_and_the_fix_without_a_traceback(programme_data, tmp_path):
    path = tmp_path / "teams.csv"
    path.write_text(GOOD)
    assert (
        main(["import", "outcomes", str(path), "--data-dir", str(programme_data), "--store", str(tmp_path / "s")]) == 0
    )
    entry = manifest.read_entries(programme_data)[0]
    raw = manifest.imports_dir(programme_data) / entry.file
    raw.write_bytes(raw.read_bytes().replace(b",40,", b",4e1,"))  # edited by hand after it was imported
    command = [
        sys.executable,
        "-m",
        "ipsdash",
        "build",
        "--data-dir",
        str(programme_data),
        "--store",
        str(tmp_path / "s"),
    ]
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"import {entry.id} (teams.csv, {entry.imported_at}) cannot be replayed:" in result.stderr
    assert "has changed since it was imported" in result.stderr
    assert f"remove it with: ipsdash imports remove {entry.id} --data-dir {programme_data}" in result.stderr


def test_argument_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["import", "widgets", "file.csv"])
    assert caught.value.code == 2


@pytest.mark.parametrize(
    ("lang", "usage", "error", "required"),
    [
        ("nl", "gebruik: ", "fout: ", "de volgende argumenten zijn verplicht: name"),
        ("it", "uso: ", "errore: ", "sono richiesti i seguenti argomenti: name"),
        ("en", "usage: ", "error: ", "the following arguments are required: name"),
    ],
)
def test_argument_errors_and_help_are_in_the_language_of_lang(capsys, lang, usage, error, required):
    import gettext

    environment, domain = os.environ.get("LANGUAGE"), gettext.textdomain()
    with pytest.raises(SystemExit) as caught:
        main(["talk", "--lang", lang])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage) and f"ipsdash talk: {error}{required}" in err
    with pytest.raises(SystemExit):
        main(["--lang", lang, "--help"])
    heading = {"nl": "positionele argumenten:", "it": "argomenti posizionali:", "en": "positional arguments:"}
    assert heading[lang] in capsys.readouterr().out
    assert (os.environ.get("LANGUAGE"), gettext.textdomain()) == (environment, domain)  # as they were


def test_the_argparse_words_translated_are_argparse_s_own():
    import argparse
    import inspect

    from ipsdash.i18n import stdlib_words

    source = inspect.getsource(argparse)
    if sys.version_info[:2] == (3, 11):  # the Python the project runs on; another one may word them otherwise
        missing = [w for w in stdlib_words.ARGPARSE if repr(w) not in source and f'"{w}"' not in source]
        assert missing == []
    assert len(stdlib_words.ARGPARSE) >= 10
