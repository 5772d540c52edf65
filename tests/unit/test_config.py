"""One list of every environment variable (ipsdash/config.py), and the README documents each."""

from __future__ import annotations

import re

from ipsdash.config import ENVIRONMENT, ROOT


def test_every_variable_the_code_reads_is_listed():
    read = set()
    for path in (ROOT / "ipsdash").rglob("*.py"):
        read |= set(re.findall(r'"((?:IPSDASH|STREAMLIT)_[A-Z_]+)"', path.read_text(encoding="utf-8")))
    listed = {s.name for s in ENVIRONMENT}
    assert read and read <= listed, read - listed


def test_the_readme_documents_every_listed_variable():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Configuration") :]
    table = table[: table.index("\n## ")]
    missing = [s.name for s in ENVIRONMENT if f"| `{s.name}` |" not in table]
    assert missing == []
