"""Back-off after repeated failures (of an admin password, say), per key: a session, a client address.

Pure and thread-safe: no Streamlit, no I/O; the clock is injectable so tests need no sleeping. The
first few failures are free (typos happen); after that each failure doubles the wait, up to a cap.
A success resets the key. Keys left alone long enough are forgotten, so memory stays bounded.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable


class Throttle:
    """Failures per key -> seconds to wait before the next attempt is allowed."""

    def __init__(
        self,
        free_failures: int = 3,
        cap_seconds: float = 15 * 60,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.free_failures = free_failures
        self.cap_seconds = cap_seconds
        self.max_keys = max_keys
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[Hashable, tuple[int, float]] = {}  # key -> (failures, time of the last one)

    def wait_after(self, failures: int) -> float:
        """Seconds to wait after `failures` consecutive failures: 0, 0, 1, 2, 4, ... up to the cap (from 3 free)."""
        if failures < self.free_failures:
            return 0.0
        exponent = failures - self.free_failures
        return float(self.cap_seconds if exponent >= 30 else min(2.0**exponent, self.cap_seconds))

    def retry_after(self, key: Hashable) -> float:
        """Seconds until `key` may try again (0.0 when it may try now)."""
        with self._lock:
            return self._remaining(key, self._clock())

    def record_failure(self, key: Hashable) -> float:
        """Count a failure for `key`; return the seconds it must now wait."""
        with self._lock:
            now = self._clock()
            failures = self._failures.get(key, (0, now))[0] + 1
            self._failures[key] = (failures, now)
            if len(self._failures) > self.max_keys:
                self._forget(now)
            return self._remaining(key, now)

    def record_success(self, key: Hashable) -> None:
        """Forget `key`'s failures."""
        with self._lock:
            self._failures.pop(key, None)

    def _remaining(self, key: Hashable, now: float) -> float:
        failures, last = self._failures.get(key, (0, now))
        return max(0.0, last + self.wait_after(failures) - now)

    def _forget(self, now: float) -> None:
        """Drop keys that may try again and have been quiet for a full cap; if still too many, those with
        the least wait left (so filling the table with passers-by does not free a throttled key)."""
        for key, (failures, last) in list(self._failures.items()):
            if now - last >= max(self.cap_seconds, self.wait_after(failures)):
                del self._failures[key]
        excess = len(self._failures) - self.max_keys
        if excess > 0:
            by_wait = sorted(self._failures, key=lambda k: (self._remaining(k, now), self._failures[k][1]))
            for key in by_wait[:excess]:
                del self._failures[key]


_PROCESS_THROTTLE = Throttle()


def get_throttle() -> Throttle:
    """The one Throttle of this process, shared by every session (and so by every client address)."""
    return _PROCESS_THROTTLE
