"""bench/load.py's arithmetic (its figures in bench/load_figures.py): the schedule it
offers, what it counts as answered, and the knee it reports. The benchmark itself is run by hand (docs/performance.md); these
check, without a server, that its figures say what they claim."""

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import load
import load_figures as figures


def served_at(rate: float, capacity: float, seconds: float = 20) -> figures.Step:
    """A step at an even `rate` against a server that answers `capacity` requests a
    second in turn, each taking at least 20 ms: it keeps up while capacity exceeds rate."""
    outcomes, free = [], 0.0
    for due in load.schedule(rate, seconds, "even", random.Random(0)):
        free = max(free, due) + 1 / capacity
        answered = max(free, due + 0.02)
        outcomes.append(figures.Outcome("anonymous", due, late=0.0, latency=answered - due))
    span = max(o.due + o.latency for o in outcomes)
    return figures.Step(rate, seconds, outcomes, span, client_cpu=0.01)


def test_a_poisson_schedule_offers_the_rate_asked_for_within_the_step():
    times = load.schedule(50, 100, "poisson", random.Random(19))
    assert times == sorted(times) and times[0] > 0 and times[-1] < 100
    assert 4_800 < len(times) < 5_200  # 5,000 expected; the spread is about 71


def test_an_even_schedule_is_evenly_spaced():
    assert load.schedule(4, 1, "even", random.Random(0)) == [0, 0.25, 0.5, 0.75]


def test_percentiles_are_nearest_rank():
    values = [n / 100 for n in range(1, 101)]  # 0.01 to 1.00
    assert figures.percentile(values, 0.5) == 0.51
    assert figures.percentile(values, 0.99) == 1.0
    assert figures.percentile([], 0.95) == 0.0


def test_a_server_that_keeps_up_answers_what_was_sent():
    step = served_at(rate=10, capacity=100)
    assert step.throughput == pytest.approx(10, rel=0.05)
    assert step.kept_up == pytest.approx(1, abs=0.05)
    assert step.ms(0.95) == pytest.approx(20)


def test_a_server_that_falls_behind_answers_at_its_capacity():
    step = served_at(rate=50, capacity=30)
    assert step.throughput == pytest.approx(30, rel=0.05)
    assert step.kept_up < 0.7


def test_the_knee_is_the_first_rate_the_server_falls_behind_at():
    steps = [served_at(10, 40), served_at(25, 40), served_at(50, 40), served_at(100, 40)]
    step, why = figures.knee(steps)
    assert step is steps[2]
    assert any("of those sent meanwhile" in reason for reason in why)
    assert "The knee on SQLite: 50 requests a second" in figures.summary(steps, "SQLite")
    assert "Up to 25 a second it kept up" in figures.summary(steps, "SQLite")


def test_the_knee_is_where_the_95th_percentile_passes_five_times_the_lowest_rates():
    slow = served_at(25, 1000)
    for outcome in slow.outcomes:
        outcome.latency = 0.2  # answered as fast as sent, but each ten times slower
    step, why = figures.knee([served_at(10, 1000), slow])
    assert step is slow and why == [
        "the 95th percentile, 200 ms, is over 5× its 20 ms at 10 a second"
    ]


def test_no_knee_when_every_rate_is_answered():
    steps = [served_at(10, 500), served_at(50, 500)]
    assert figures.knee(steps) == (None, [])
    assert "No knee on SQLite up to 50 requests a second" in figures.summary(steps, "SQLite")


def test_failures_past_one_in_a_hundred_make_the_knee():
    failing = served_at(10, 1000)
    for outcome in failing.outcomes[:3]:
        outcome.failure = "timed out"
    step, why = figures.knee([served_at(5, 1000), failing])
    assert step is failing and any("3 of 200 requests failed" in r for r in why)


def test_an_accepted_update_missing_from_the_database_is_reported():
    step = served_at(10, 1000)
    for number, outcome in enumerate(step.outcomes[:4]):
        outcome.kind, outcome.tag = "update", f"10/s {number}"
        outcome.update = "accepted" if number < 3 else ""  # the last one timed out
    saved = [f"{load.MARK} at 10/s {n}" for n in (0, 2, 3)]  # 1 lost; 3 saved all the same
    assert load.tally_found([step], saved) == 1
    assert (step.found, step.missing) == (3, 1)
    assert "**1 of them is missing from the database**" in figures.summary([step], "PostgreSQL")

    assert load.tally_found([step], saved + [f"{load.MARK} at 10/s 1"]) == 0
    assert "every one is in the database" in figures.summary([step], "PostgreSQL")
