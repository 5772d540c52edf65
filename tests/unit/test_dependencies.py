"""Installs reproduce: the lock files pin every package exactly, with hashes, within the ranges of
requirements*.txt, and the environment the tests run in is the locked one."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent.parent
APP_LOCK, TEST_LOCK = ROOT / "requirements.lock", ROOT / "requirements-test.lock"


def _entries(path: Path) -> list[str]:
    """The requirement lines of a requirements file, continuation lines joined, comments dropped."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = (line.split(" #", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _pins(path: Path) -> dict[str, tuple[Requirement, int]]:
    """Name -> (the pinned requirement, its number of hashes)."""
    pins = {}
    for line in _entries(path):
        requirement, *hashes = line.split(" --hash=")
        parsed = Requirement(requirement)
        pins[canonicalize_name(parsed.name)] = (parsed, len(hashes))
    return pins


def _ranges(*paths: Path) -> list[Requirement]:
    return [Requirement(line) for path in paths for line in _entries(path)]


@pytest.mark.parametrize("lock", [APP_LOCK, TEST_LOCK], ids=lambda p: p.name)
def test_every_package_is_pinned_to_one_version_with_its_hashes(lock):
    pins = _pins(lock)
    assert len(pins) > 20
    for name, (requirement, hashes) in pins.items():
        assert [spec.operator for spec in requirement.specifier] == ["=="], name
        assert hashes >= 1, f"{name} has no hash"


@pytest.mark.parametrize(
    ("lock", "sources"),
    [(APP_LOCK, ["requirements.txt"]), (TEST_LOCK, ["requirements.txt", "requirements-test.txt"])],
    ids=["app", "test"],
)
def test_the_locks_are_up_to_date_with_the_ranges(lock, sources):
    """A range edited without `make lock` fails here, naming the package."""
    pins = _pins(lock)
    for wanted in _ranges(*(ROOT / s for s in sources)):
        name = canonicalize_name(wanted.name)
        assert name in pins, f"{name} is in {', '.join(sources)} but not in {lock.name}: run make lock"
        version = next(iter(pins[name][0].specifier)).version
        assert wanted.specifier.contains(version, prereleases=True), (
            f"{lock.name} pins {name}=={version}: run make lock"
        )


def test_the_test_lock_holds_the_app_lock_versions():
    """Tests run with exactly the versions `make run` installs."""
    test_pins = _pins(TEST_LOCK)
    for name, (requirement, _) in _pins(APP_LOCK).items():
        assert str(test_pins[name][0].specifier) == str(requirement.specifier), name


def test_this_environment_is_the_locked_one():
    """What the tests pass with is what a fresh clone installs (make test installs requirements-test.lock)."""
    wrong = []
    for name, (requirement, _) in _pins(TEST_LOCK).items():
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue  # another platform's package (colorama on Windows, ...)
        pinned = next(iter(requirement.specifier)).version
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "not installed"
        if installed != pinned:
            wrong.append(f"{name}: {installed}, locked {pinned}")
    assert wrong == [], (
        "not the locked versions (pip install --require-hashes -r requirements-test.lock): " + "; ".join(wrong)
    )
