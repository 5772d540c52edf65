"""The access file: who may see which programmes. A TOML file outside git (IPSDASH_ACCESS_FILE), one
[[person]] table a person, e.g. (deploy/access.example.toml has more):

    [[person]]
    email = "trainer@ct.example.org"   # or: subject = "the provider's sub claim"
    role = "region_lead"               # lc_staff | region_lead | programme_lead
    geos = ["US-CT"]                   # region_lead: areas (ISO 3166-1 alpha-3 or ISO 3166-2)
    # programmes = ["P017"]            # programme_lead: programme ids

The whole file is checked; any problem refuses all of it, so a mistake can only narrow access (everyone
sees the public view), never widen it. An email matches only when the identity provider says it was
verified (`email_verified`); a subject always matches. Emails compare without regard to case."""

from __future__ import annotations

import functools
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ipsdash.access.viewer import ROLES, Viewer
from ipsdash.intake.programmes import PROGRAMME_ID, show

ACCESS_FILE_ENV = "IPSDASH_ACCESS_FILE"
MAX_BYTES = 1_000_000  # about 10,000 people; a larger file is refused unread
MAX_SCOPE = 1_000  # areas or programmes one person may list
GEO_CODE = re.compile(r"[A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3}")  # NLD, US-CT, IT-45, GB-ENG
EMAIL = re.compile(r"[^@\s]{1,200}@[^@\s]{1,200}")
KEYS = {"email", "subject", "role", "geos", "programmes"}
SCOPE_OF = {"lc_staff": None, "region_lead": "geos", "programme_lead": "programmes"}


class AccessFileError(Exception):
    """The access file cannot be used; `problems` lists each as `FILE: person N: what is wrong`."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Access:
    """Viewers by verified email (lower case) and by subject."""

    by_email: dict[str, Viewer] = field(default_factory=dict)
    by_subject: dict[str, Viewer] = field(default_factory=dict)

    def viewer_for(self, email: str | None, subject: str | None, email_verified: bool) -> Viewer | None:
        """The viewer this signed-in person is, or None when the file has no entry for them."""
        if subject and subject in self.by_subject:
            return self.by_subject[subject]
        if email and email_verified:
            return self.by_email.get(email.strip().lower())
        return None


def _person(index: int, entry: object) -> tuple[list[str], Viewer | None]:
    """One [[person]] table -> (its problems, its viewer)."""
    where = f"person {index}"
    if not isinstance(entry, dict):
        return [f"{where}: is not a table of keys"], None
    who = entry.get("email") or entry.get("subject")
    if isinstance(who, str):
        where += f" ({show(who, 80)})"
    problems = [
        f"{where}: unknown key '{show(k, 40)}' (known: {', '.join(sorted(KEYS))})" for k in entry if k not in KEYS
    ]
    email, subject = entry.get("email"), entry.get("subject")
    if email is None and subject is None:
        problems.append(f"{where}: needs an email or a subject (the identity provider's sub claim)")
    if email is not None and not (isinstance(email, str) and EMAIL.fullmatch(email.strip())):
        problems.append(f"{where}: email {show(email, 80)!r} is not an email address")
    if subject is not None and not (isinstance(subject, str) and 0 < len(subject) <= 255 and subject.isprintable()):
        problems.append(f"{where}: subject must be printable text of 1 to 255 characters")
    role = entry.get("role")
    if role not in ROLES:
        problems.append(f"{where}: role {show(role, 40)!r} is not one of {', '.join(ROLES)}")
        return problems, None
    wanted = SCOPE_OF[role]
    for key in ("geos", "programmes"):
        if key in entry and key != wanted:
            problems.append(f"{where}: a {role} has no '{key}' (" + (f"give '{wanted}')" if wanted else "sees all)"))
    scope: tuple[str, ...] = ()
    if wanted:
        values = entry.get(wanted)
        pattern = GEO_CODE if wanted == "geos" else re.compile(PROGRAMME_ID)
        if not isinstance(values, list) or not values:
            problems.append(f"{where}: a {role} needs '{wanted}', a list of at least one")
        elif len(values) > MAX_SCOPE:
            problems.append(f"{where}: '{wanted}' lists {len(values):,}; at most {MAX_SCOPE:,}")
        else:
            bad = [v for v in values if not (isinstance(v, str) and pattern.fullmatch(v))]
            what = "a geography code (NLD, US-CT, IT-45)" if wanted == "geos" else "a programme id"
            problems += [f"{where}: '{wanted}': {show(v, 60)!r} is not {what}" for v in bad[:20]]
            scope = tuple(values)
    if problems:
        return problems, None
    label = email.strip() if isinstance(email, str) else subject
    return [], Viewer(role, **({wanted: scope} if wanted else {}), who=label)


def parse_access(text: str, label: str) -> Access:
    """The access file's text -> Access; AccessFileError naming every problem (`label: ...`)."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise AccessFileError([f"{label}: not valid TOML: {err}"]) from None
    problems = [f"{label}: unknown key '{show(k, 40)}' (only [[person]] tables)" for k in document if k != "person"]
    people = document.get("person", [])
    if not isinstance(people, list):
        raise AccessFileError([*problems, f"{label}: 'person' must be [[person]] tables"])
    by_email: dict[str, Viewer] = {}
    by_subject: dict[str, Viewer] = {}
    for index, entry in enumerate(people, start=1):
        found, viewer = _person(index, entry)
        problems += [f"{label}: {p}" for p in found]
        if viewer is None:
            continue
        for key, table in ((entry.get("email"), by_email), (entry.get("subject"), by_subject)):
            if key is None:
                continue
            key = key.strip().lower() if table is by_email else key
            if key in table:
                problems.append(f"{label}: person {index}: {show(key, 80)!r} is listed twice")
            table[key] = viewer
    if problems:
        raise AccessFileError(problems)
    return Access(by_email, by_subject)


def load_access(path: Path) -> Access:
    """Read and check an access file; AccessFileError when it is missing, too large or wrong anywhere."""
    label = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise AccessFileError([f"{label}: {size:,} bytes; an access file may have at most {MAX_BYTES:,}"])
        text = path.read_bytes().decode("utf-8")
    except OSError as err:
        raise AccessFileError([f"{label}: cannot be read: {err.strerror or err}"]) from None
    except UnicodeDecodeError:
        raise AccessFileError([f"{label}: is not UTF-8 text"]) from None
    return parse_access(text, label)


def access_file_path() -> Path | None:
    """The access file IPSDASH_ACCESS_FILE names, or None when no access file is configured."""
    value = os.environ.get(ACCESS_FILE_ENV, "").strip()
    return Path(value).expanduser() if value else None


def cached_access(path: Path) -> Access:
    """load_access, read again only when the file changes (its size or modification time)."""
    try:
        stat = path.stat()
    except OSError as err:
        raise AccessFileError([f"{path}: cannot be read: {err.strerror or err}"]) from None
    return _cached(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _cached(path: str, mtime_ns: int, size: int) -> Access:
    return load_access(Path(path))
