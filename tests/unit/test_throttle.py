"""Repeated failures per key back off exponentially up to a cap; a success resets; keys are independent."""

from __future__ import annotations

import threading

from ipsdash.access.throttle import Throttle, get_throttle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_three_free_failures_then_doubling_waits_up_to_the_cap():
    clock = Clock()
    throttle = Throttle(clock=clock)
    waits = [throttle.record_failure("session-1") for _ in range(16)]
    assert waits[:3] == [0.0, 0.0, 1.0]
    assert waits[3:8] == [2.0, 4.0, 8.0, 16.0, 32.0]
    assert max(waits) == 15 * 60 and waits[-1] == 15 * 60
    assert throttle.retry_after("session-1") == 15 * 60
    clock.now += 600
    assert throttle.retry_after("session-1") == 300
    assert throttle.retry_after("another-session") == 0.0  # keys do not share failures


def test_a_success_resets_and_waiting_out_the_delay_lets_the_key_try_again():
    clock = Clock()
    throttle = Throttle(clock=clock)
    for _ in range(5):
        throttle.record_failure("10.0.0.7")
    assert throttle.retry_after("10.0.0.7") == 4.0
    clock.now += 4.0
    assert throttle.retry_after("10.0.0.7") == 0.0
    assert throttle.record_failure("10.0.0.7") == 8.0  # the count is kept until a success
    throttle.record_success("10.0.0.7")
    assert throttle.retry_after("10.0.0.7") == 0.0
    assert throttle.record_failure("10.0.0.7") == 0.0


def test_memory_is_bounded_but_a_throttled_key_is_not_forgotten_first():
    clock = Clock()
    throttle = Throttle(max_keys=100, clock=clock)
    for _ in range(10):
        throttle.record_failure("attacker")
    for i in range(500):
        clock.now += 0.001
        throttle.record_failure(f"passer-by-{i}")
    assert throttle.retry_after("attacker") > 0
    assert len(throttle._failures) <= 100


def test_failures_from_many_threads_are_all_counted():
    throttle = Throttle(free_failures=1000, clock=Clock())
    threads = [threading.Thread(target=lambda: [throttle.record_failure("k") for _ in range(100)]) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert throttle._failures["k"][0] == 800
    assert get_throttle() is get_throttle()
