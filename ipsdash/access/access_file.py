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

from ipsdash import i18n
from ipsdash.access.viewer import ROLES, Viewer
from ipsdash.i18n import _
from ipsdash.i18n.formats import number
from ipsdash.intake.programmes import PROGRAMME_ID, show

ACCESS_FILE_ENV = "IPSDASH_ACCESS_FILE"
MAX_BYTES = 1_000_000  # about 10,000 people; a larger file is refused unread
MAX_SCOPE = 1_000  # areas or programmes one person may list
GEO_CODE = re.compile(r"[A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3}")  # NLD, US-CT, IT-45, GB-ENG
EMAIL = re.compile(r"[^@\s]{1,200}@[^@\s]{1,200}")
KEYS = {"email", "subject", "role", "geos", "programmes"}
SCOPE_OF = {"lc_staff": None, "region_lead": "geos", "programme_lead": "programmes"}


class AccessFileError(Exception):
    """The access file cannot be used; `problems` lists each as `FILE: person N: what is wrong`, in the
    language in use when the file was checked; `records` lists the same problems in English, for the audit log."""

    def __init__(self, problems: list[str], records: list[str] | None = None):
        super().__init__("; ".join(problems))
        self.problems = problems
        self.records = problems if records is None else records


def _with_records(check, *args):
    """`check(*args)`; a refusal made in another language than English also carries its problems in English
    (`records`): the audit log is written in English whoever was refused (only a refusal is checked twice)."""
    try:
        return check(*args)
    except AccessFileError as err:
        if i18n.current() != i18n.DEFAULT:
            with i18n.using(i18n.DEFAULT):
                try:
                    check(*args)
                except AccessFileError as english:
                    err.records = english.problems
        raise


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
    if not isinstance(entry, dict):
        return [_("person {index}: is not a table of keys").format(index=index)], None
    who = entry.get("email") or entry.get("subject")
    if isinstance(who, str):
        # TRANSLATORS: where a problem is in the access file: the Nth [[person]] table, and who it names.
        where = _("person {index} ({who})").format(index=index, who=show(who, 80))
    else:
        where = _("person {index}").format(index=index)
    known = ", ".join(sorted(KEYS))
    problems = [
        _("{where}: unknown key '{key}' (known: {known})").format(where=where, key=show(k, 40), known=known)
        for k in entry
        if k not in KEYS
    ]
    email, subject = entry.get("email"), entry.get("subject")
    if email is None and subject is None:
        problems.append(
            _("{where}: needs an email or a subject (the identity provider's sub claim)").format(where=where)
        )
    if email is not None and not (isinstance(email, str) and EMAIL.fullmatch(email.strip())):
        problems.append(
            _("{where}: email {email} is not an email address").format(where=where, email=repr(show(email, 80)))
        )
    if subject is not None and not (isinstance(subject, str) and 0 < len(subject) <= 255 and subject.isprintable()):
        problems.append(_("{where}: subject must be printable text of 1 to 255 characters").format(where=where))
    role = entry.get("role")
    if role not in ROLES:
        problems.append(
            _("{where}: role {role} is not one of {roles}").format(
                where=where, role=repr(show(role, 40)), roles=", ".join(ROLES)
            )
        )
        return problems, None
    wanted = SCOPE_OF[role]
    for key in ("geos", "programmes"):
        if key in entry and key != wanted:
            if wanted:
                message = _("{where}: a {role} has no '{key}' (give '{wanted}')")
            else:
                message = _("{where}: a {role} has no '{key}' (sees all)")
            problems.append(message.format(where=where, role=role, key=key, wanted=wanted))
    scope: tuple[str, ...] = ()
    if wanted:
        values = entry.get(wanted)
        pattern = GEO_CODE if wanted == "geos" else re.compile(PROGRAMME_ID)
        if not isinstance(values, list) or not values:
            problems.append(
                _("{where}: a {role} needs '{key}', a list of at least one").format(where=where, role=role, key=wanted)
            )
        elif len(values) > MAX_SCOPE:
            problems.append(
                _("{where}: '{key}' lists {count}; at most {limit}").format(
                    where=where, key=wanted, count=number(len(values), 0), limit=number(MAX_SCOPE, 0)
                )
            )
        else:
            bad = [v for v in values if not (isinstance(v, str) and pattern.fullmatch(v))]
            if wanted == "geos":
                message = _("{where}: '{key}': {value} is not a geography code (NLD, US-CT, IT-45)")
            else:
                message = _("{where}: '{key}': {value} is not a programme id")
            problems += [message.format(where=where, key=wanted, value=repr(show(v, 60))) for v in bad[:20]]
            scope = tuple(values)
    if problems:
        return problems, None
    label = email.strip() if isinstance(email, str) else subject
    return [], Viewer(role, **({wanted: scope} if wanted else {}), who=label)


def parse_access(text: str, label: str) -> Access:
    """The access file's text -> Access; AccessFileError naming every problem (`label: ...`)."""
    return _with_records(_parse, text, label)


def _parse(text: str, label: str) -> Access:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise AccessFileError([_("{file}: not valid TOML: {error}").format(file=label, error=err)]) from None
    problems = [
        _("{file}: unknown key '{key}' (only [[person]] tables)").format(file=label, key=show(k, 40))
        for k in document
        if k != "person"
    ]
    people = document.get("person", [])
    if not isinstance(people, list):
        raise AccessFileError([*problems, _("{file}: 'person' must be [[person]] tables").format(file=label)])
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
                problems.append(
                    _("{file}: person {index}: {who} is listed twice").format(
                        file=label, index=index, who=repr(show(key, 80))
                    )
                )
            table[key] = viewer
    if problems:
        raise AccessFileError(problems)
    return Access(by_email, by_subject)


def load_access(path: Path) -> Access:
    """Read and check an access file; AccessFileError when it is missing, too large or wrong anywhere."""
    return _with_records(_load, path)


def _load(path: Path) -> Access:
    label = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            message = _("{file}: {size} bytes; an access file may have at most {limit}")
            raise AccessFileError([message.format(file=label, size=number(size, 0), limit=number(MAX_BYTES, 0))])
        text = path.read_bytes().decode("utf-8")
    except OSError as err:
        raise AccessFileError([_cannot_read(label, err)]) from None
    except UnicodeDecodeError:
        raise AccessFileError([_("{file}: is not UTF-8 text").format(file=label)]) from None
    return _parse(text, label)


def access_file_path() -> Path | None:
    """The access file IPSDASH_ACCESS_FILE names, or None when no access file is configured."""
    value = os.environ.get(ACCESS_FILE_ENV, "").strip()
    return Path(value).expanduser() if value else None


def cached_access(path: Path) -> Access:
    """load_access, read again only when the file changes (its size or modification time)."""
    stat = _with_records(_stat, path)
    return _cached(str(path), stat.st_mtime_ns, stat.st_size)


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except OSError as err:
        raise AccessFileError([_cannot_read(str(path), err)]) from None


def _cannot_read(label: str, err: OSError) -> str:
    return _("{file}: cannot be read: {reason}").format(file=label, reason=err.strerror or err)


@functools.lru_cache(maxsize=4)
def _cached(path: str, mtime_ns: int, size: int) -> Access:
    return load_access(Path(path))
