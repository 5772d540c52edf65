"""Every change to imported data leaves one escaped line in data/logs/audit.log (and on stderr)."""

from __future__ import annotations

import json
import re

from ipsdash.pipeline.audit import format_event, get_audit_logger, log_event


def test_user_text_cannot_forge_a_line(tmp_path, capsys):
    data_dir = tmp_path / "data"
    name = 'evil.csv\n2026-01-01 00:00:00 event="import_remove" id="all"\x1b[2J'
    log_event("unlock_failed", data_dir=data_dir, client="10.0.0.7", name=name)
    lines = (data_dir / "logs" / "audit.log").read_text().splitlines()
    assert len(lines) == 1
    assert 'event="unlock_failed"' in lines[0] and "\x1b" not in lines[0]
    quoted = re.search(r' name=("(?:[^"\\]|\\.)*")', lines[0]).group(1)
    assert json.loads(quoted) == name  # escaped, and still says exactly what was given
    assert 'event="unlock_failed"' in capsys.readouterr().err


def test_long_values_are_cut():
    assert len(format_event("import", name="x" * 10_000)) < 400


def test_an_unwritable_log_folder_falls_back_to_stderr(tmp_path, capsys):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "logs").write_text("a file where the folder should be")
    logger = get_audit_logger(data_dir)
    log_event("import", data_dir=data_dir, id="x")
    assert not any(type(h).__name__ == "_FileHandler" for h in logger.handlers)
    assert 'event="import"' in capsys.readouterr().err


def test_many_processes_writing_across_rollovers_keep_every_record_exactly_once(tmp_path):
    """Replicas and CLI imports append to one audit.log at once; with a small size limit the file rolls
    over many times while they write, and every record is still in exactly one of the files."""
    import subprocess
    import sys

    from ipsdash.config import ROOT

    data_dir, writers, events = tmp_path / "data", 4, 300
    child = (
        "import sys\n"
        "from pathlib import Path\n"
        "from ipsdash.pipeline import audit\n"
        "audit.MAX_LOG_BYTES, audit.LOG_BACKUPS = 6_000, 1_000\n"
        f"for n in range({events}):\n"
        "    audit.log_event('probe', data_dir=Path(sys.argv[1]), writer=sys.argv[2], n=n)\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", child, str(data_dir), f"w{w}"], cwd=ROOT, stderr=subprocess.DEVNULL)
        for w in range(writers)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0] * writers
    files = sorted((data_dir / "logs").glob("audit.log*"))
    assert len(files) > 10  # it did roll over, many times
    found = re.findall(r'writer="(w\d)" n="(\d+)"', "".join(f.read_text(encoding="utf-8") for f in files))
    expected = {(f"w{w}", str(n)) for w in range(writers) for n in range(events)}
    assert len(found) == len(expected) and set(found) == expected
