"""bench/load.py's figures: what each request and each rate came to, the knee of the
curve, and the report in Markdown. Pure: no server, no client."""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass

KNEE_P95 = 5  # times the 95th percentile at the lowest rate
SATURATED = 0.5  # the share of requests failed at a rate past which higher ones are not run


@dataclass
class Outcome:
    """One request (for an update: the action's page read, then the form sent)."""

    kind: str
    due: float  # when it was to be sent, in seconds from the step's start
    late: float  # how long after its scheduled time the client got to send it
    latency: float  # from its scheduled time to the whole answer, or to giving up
    failure: str = ""
    timed_out: bool = False
    update: str = ""  # "accepted" or "conflict"
    tag: str = ""  # an update's mark in its commentary, to find it in the database


@dataclass
class Step:
    """Everything sent at one rate."""

    rate: float
    seconds: float
    outcomes: list[Outcome]
    span: float  # from the first scheduled send to the last answer
    client_cpu: float  # the client's processor time, as a share of one core
    found: int = 0  # its updates found in the database afterwards
    missing: int = 0  # of those accepted, how many are not there

    def of(self, kind: str | None = None) -> list[Outcome]:
        return [o for o in self.outcomes if kind is None or o.kind == kind]

    def ms(self, fraction: float, kind: str | None = None) -> float:
        """A percentile of latency in milliseconds: every request counts, a failed one
        with the time it took to fail, a timed-out one with the timeout."""
        return percentile([o.latency for o in self.of(kind)], fraction) * 1000

    @property
    def answered(self) -> int:
        return sum(not o.failure for o in self.outcomes)

    def window(self) -> tuple[float, float]:
        """The middle of the step, away from the start (the server not yet busy) and
        the end (answers to the last requests still to come)."""
        return 0.1 * self.seconds, 0.9 * self.seconds

    @property
    def throughput(self) -> float:
        """Requests answered a second, counted as they were answered during the window:
        what the server achieved, whether or not it kept up with what was offered."""
        start, end = self.window()
        done = sum(start <= o.due + o.latency < end for o in self.outcomes if not o.failure)
        return done / (end - start)

    @property
    def kept_up(self) -> float:
        """The requests answered during the window against those sent during it."""
        start, end = self.window()
        sent = sum(start <= o.due < end for o in self.outcomes)
        return self.throughput * (end - start) / sent if sent else 1.0

    @property
    def failures(self) -> int:
        return sum(bool(o.failure) for o in self.outcomes)

    @property
    def timeouts(self) -> int:
        return sum(o.timed_out for o in self.outcomes)

    def updates(self, what: str) -> int:
        return sum(o.update == what for o in self.outcomes)


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile; 0 for no values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def knee(steps: list[Step]) -> tuple[Step | None, list[str]]:
    """The first rate at which the server no longer keeps up, and why."""
    low = steps[0].ms(0.95)
    for step in steps:
        why = []
        if step.ms(0.95) > KNEE_P95 * low:
            why.append(f"the 95th percentile, {step.ms(0.95):,.0f} ms, is over {KNEE_P95}× "
                       f"its {low:,.0f} ms at {steps[0].rate:g} a second")  # fmt: skip
        if step.kept_up < 0.9:
            why.append(f"{step.throughput:.1f} requests a second were answered, "
                       f"{step.kept_up:.0%} of those sent meanwhile")  # fmt: skip
        if step.failures > 0.01 * len(step.outcomes):
            why.append(f"{step.failures} of {len(step.outcomes)} requests failed")
        if why:
            return step, why
    return None, []


def report(
    steps: list[Step], options: argparse.Namespace, mix: dict[str, float], load: tuple[float, float]
) -> str:
    kind = "PostgreSQL" if options.database == "postgres" else "SQLite"
    baseline = steps[0].ms(0.5, "sign-in page")
    share = ", ".join(f"{name} {fraction:.0%}" for name, fraction in mix.items())
    setting = (
        f"**{kind}.** gunicorn with {options.workers} workers × {options.threads} threads "
        f"(`--preload`) and the background worker; {options.arrivals} arrivals for "
        f"{options.seconds:g} s at each rate; the mix by weight: {share}; timeout "
        f"{options.timeout:g} s. 2 CPUs shared with the client and with other work (load "
        f"average {load[0]:.1f} at the start, {load[1]:.1f} at the end). Latency runs from "
        "each request's scheduled time; a failed request counts with the time it took to "
        "fail. Answered /s: requests answered during the middle 80% of the step. Found in "
        "the database may exceed accepted: the server saves an update that the client gave "
        f"up waiting for. Baseline: the sign-in page's median at {steps[0].rate:g} a second, "
        f"{baseline:.0f} ms."
    )
    lines = [setting, "", *table_head(COLUMNS)]
    for s in steps:
        lines.append(
            f"| {s.rate:g} | {len(s.outcomes) / s.seconds:.1f} | {s.throughput:.1f} "
            f"| {s.ms(0.5):,.0f} | {s.ms(0.95):,.0f} | {s.ms(0.99):,.0f} "
            f"| {s.ms(0.5) / baseline:.1f}× | {s.failures} | {s.timeouts} "
            f"| {s.updates('accepted')} | {s.found} | {s.updates('conflict')} "
            f"| {percentile([o.late for o in s.outcomes], 0.99) * 1000:.0f} | {s.client_cpu:.0%} |"
        )
    lines += ["", *table_head(["offered /s", *(f"{k} p50 / p95 ms" for k in mix)])]
    for s in steps:
        cells = [f"{s.ms(0.5, k):,.0f} / {s.ms(0.95, k):,.0f}" if s.of(k) else "—" for k in mix]
        lines.append(f"| {s.rate:g} | " + " | ".join(cells) + " |")
    lines += ["", summary(steps, kind)]
    skipped = [f"{rate:g}" for rate in options.rates[len(steps) :]]
    if skipped:
        lines[-1] += (
            f" Not offered: {', '.join(skipped)} a second; at {steps[-1].rate:g} more than "
            f"{SATURATED:.0%} of the requests failed already, and higher rates would measure "
            "only the queue."
        )
    errors = Counter(o.failure for s in steps for o in s.outcomes if o.failure)
    lines += ["", "The most frequent errors:"] if errors else []
    lines += [f"- {count} × {error}" for error, count in errors.most_common(5)]
    return "\n".join(lines)


COLUMNS = ["offered /s", "sent /s", "answered /s", "p50 ms", "p95 ms", "p99 ms",
           "p50 ÷ baseline", "errors", "of which timeouts", "updates accepted",
           "found in the database", "conflicts", "client late, p99 ms", "client CPU"]  # fmt: skip


def table_head(columns: list[str]) -> list[str]:
    return ["| " + " | ".join(columns) + " |", "|" + " ---: |" * len(columns)]


def summary(steps: list[Step], kind: str) -> str:
    step, why = knee(steps)
    lost = sum(s.missing for s in steps)
    saved = f"Of {sum(s.updates('accepted') for s in steps)} updates accepted, " + (
        f"**{lost} of them {'is' if lost == 1 else 'are'} missing from the database**."
        if lost
        else "every one is in the database."
    )
    if step is None:
        return (f"**No knee on {kind} up to {steps[-1].rate:g} requests a second**: every rate "
                f"was answered in full within {KNEE_P95}× the lowest rate's 95th percentile. "
                + saved)  # fmt: skip
    below = [s for s in steps if s.rate < step.rate]
    kept = (
        f" Up to {below[-1].rate:g} a second it kept up: median {below[-1].ms(0.5):,.0f} ms, "
        f"95th percentile {below[-1].ms(0.95):,.0f} ms."
        if below
        else ""
    )
    return (
        f"**The knee on {kind}: {step.rate:g} requests a second**, where "
        + "; ".join(why)
        + "."
        + kept
        + " "
        + saved
    )
