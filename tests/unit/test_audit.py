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
