"""What the words of a progress comment mean for an action's status, by meaning, not
by one report's phrasing.

Verbs are listed by their lemma; every inflected form is derived here, so "deliver"
reads "delivers", "delivered" and "delivering" alike, and sentences.py decides from
the words around each form whether the thing was done, will be done, is being done
or was not done. Fixed phrases (a decision about the action's fate, a delay, a
comment that gives no update) are patterns over the lower-cased comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Status


def _words(text: str) -> list[str]:
    """The words of a list written as lines of text, one space between each."""
    return text.split()


# Verbs that report a piece of work as done when they are past or perfect ("was
# delivered", "Report published", "has been received"): the events action leads report.
DONE_VERBS = _words("""
    accredit achieve adopt agree appoint approve audit award build circulate commission
    complete conduct consult deliver develop distribute embed endorse establish evaluate
    exceed finalise finalize finish host implement install introduce issue launch open
    procure produce provide publish ratify receive recruit refresh report review secure
    send share sign submit train undertake update write prepare present hold close offer
    accept reach consider roll
""")

# Verbs that start work: done, they mean work is under way (unless what started is a
# contract or service, which is then in place); not done, that it has not started.
START_VERBS = ["start", "begin", "commence", "initiate"]

# Verbs that describe work itself: "is/are ...ing" or "being ...ed" with any of these,
# or with a DONE verb, means the work is going on.
WORK_VERBS = _words("""
    work progress look explore scope plan pilot negotiate design test expand map seek
    monitor draft revise mobilise mobilize recruit collate analyse analyze improve
""")

# Verbs whose past forms decide the action's fate this year.
FATE_VERBS = {
    "defer": Status.DEFERRED,
    "postpone": Status.DEFERRED,
    "suspend": Status.DEFERRED,
    "pause": Status.DEFERRED,
    "cancel": Status.WITHDRAWN,
    "withdraw": Status.WITHDRAWN,
    "delete": Status.WITHDRAWN,
    "supersede": Status.WITHDRAWN,
    "discontinue": Status.WITHDRAWN,
}

# Receiving something cannot be half done: a report not yet received is a report
# still pending, which councils call not started. Other work not yet done is open.
NOT_DONE_MEANS_NOT_STARTED = {"receive"}

IRREGULAR = {
    "build": ("built", "built"),
    "hold": ("held", "held"),
    "write": ("wrote", "written"),
    "send": ("sent", "sent"),
    "begin": ("began", "begun"),
    "undertake": ("undertook", "undertaken"),
    # "The provider withdrew" is someone else's act; "withdrawn" is the action's fate.
    "withdraw": ("withdrawn",),
    "seek": ("sought", "sought"),
    "meet": ("met", "met"),
    "take": ("took", "taken"),
    "bring": ("brought", "brought"),
    "go": ("went", "gone"),
    "put": ("put", "put"),
    "set": ("set", "set"),
    "run": ("ran", "run"),
}

# Whether a verb form is the bare verb, -s, a past form, or -ing.
BASE, PRESENT, PAST, ING = "base", "present", "past", "ing"


def _regular(lemma: str) -> tuple[str, str, str]:
    """The -s, -ed and -ing forms of a regular verb, by English spelling rules."""
    if lemma.endswith("e"):
        return lemma + "s", lemma + "d", lemma[:-1] + "ing"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    if lemma.endswith(("sh", "ch", "ss", "x")):
        return lemma + "es", lemma + "ed", lemma + "ing"
    # The final consonant doubles after one short stressed vowel (plan, submit, defer),
    # not where the stress falls earlier (audit, open, deliver).
    if lemma in {"plan", "submit", "map", "commit", "stop", "drop", "begin", "run", "defer"}:
        return lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    return lemma + "s", lemma + "ed", lemma + "ing"


def verb_forms(lemma: str) -> dict[str, str]:
    """Every form of a verb, each mapped to what kind of form it is."""
    third, past, ing = _regular(lemma)
    forms = {lemma: BASE, third: PRESENT, ing: ING, past: PAST}
    if lemma in IRREGULAR:
        del forms[past]
        for form in IRREGULAR[lemma]:
            forms[form] = PAST
    if lemma == "cancel":
        forms |= {"cancelled": PAST, "cancelling": ING}
    return forms


def _index(lemmas: list[str]) -> dict[str, tuple[str, str]]:
    index: dict[str, tuple[str, str]] = {}
    for lemma in lemmas:
        for form, kind in verb_forms(lemma).items():
            index.setdefault(form, (lemma, kind))
    return index


# form -> (lemma, kind of form), for every verb the reader knows.
VERBS = _index(DONE_VERBS + START_VERBS + WORK_VERBS + list(FATE_VERBS) + ["meet"])

# "met" only reports completion when what was met is a target or the like.
TARGET_NOUNS = set(
    _words("""
    target targets deadline deadlines standard standards milestone milestones need needs
    criteria requirement requirements outcome outcomes objective objectives ambition
    benchmark kpi kpis
""")
)

# What, having started, is then in place: "the contract started in April".
IN_PLACE_WHEN_STARTED = set(
    _words("""
    contract contracts service services scheme agreement lease placement provider
    apprenticeship apprenticeships
""")
)

# Words that, before a verb in the same clause, change what it says.
NEGATIONS = {"not", "no", "never", "nor", "without", "cannot", "nothing", "none"}
MODALS = {"will", "shall", "would", "could", "should", "may", "might", "must", "can", "ll"}
PERFECT = {"has", "have", "had", "been"}
PASSIVE = {"is", "are", "was", "were", "be", "been", "being", "am", "now"}
PROGRESSIVE = {"is", "are", "am", "was", "were", "been", "remain", "remains", "still"}
# A clause these open is the condition or time of another event, not an event itself.
SUBORDINATORS = {"when", "once", "until", "unless", "if", "after", "before", "whether"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "our"}
# Words that may stand between an auxiliary and its verb ("has now been fully ...").
ADVERBS = set(
    _words("""
    now also fully formally officially successfully finally already recently then just
    currently actively further partly partially largely mostly nearly almost
    substantially jointly still yet initially subsequently
""")
)
# Work on a draft is not the finished thing: "Draft protocol circulated for comments".
DRAFT = {"draft", "drafts"}
# "In place and being used": using a thing is not work still to do on it.
IN_USE = {"used", "applied", "followed"}
NUMBERS = {
    word: n
    for n, word in enumerate(_words("none one two three four five six seven eight nine ten"))
}
PARTIAL = {"partly", "partially", "largely", "mostly", "nearly", "almost", "substantially"}


@dataclass(frozen=True)
class Phrase:
    """A fixed wording whose meaning does not depend on tense."""

    name: str
    status: str
    pattern: re.Pattern[str]
    example: str
    # A decision about the action's fate this year wins over descriptions of the work.
    decisive: bool = False
    # True for in-progress readings that only say what is planned or expected, which
    # a report of something done in the same comment outweighs.
    weak: bool = False


def _phrase(name: str, status: str, pattern: str, example: str, **kind: bool) -> Phrase:
    return Phrase(name, status, re.compile(pattern, re.IGNORECASE), example, **kind)


_PLAN = (
    r"(?:the\s+)?(?:next\s+year'?s?|next|new|following(?:\s+year'?s?)?|"
    r"(?:20)?\d\d\s*[/-]\s*(?:20)?\d\d)\s+(?:[a-z]+\s+){0,2}?plan\b"
)
_NEG = r"(?<!not )(?<!n't )(?<!never )(?<!no )(?<!any )"

PHRASES: list[Phrase] = [
    _phrase(
        "no longer needed",
        Status.WITHDRAWN,
        r"\bno longer (?:alive|valid|required|needed|relevant|applicable|appropriate|"
        r"necessary|a priority)\b|\bremoved from the (?:\w+ )?plan\b|"
        r"\b(?:will|to) not (?:be )?(?:taken|carried) forward\b|\bnot (?:to )?proceed\b",
        "No longer required following the restructure of the service",
        decisive=True,
    ),
    _phrase(
        "on hold",
        Status.DEFERRED,
        _NEG + r"\b(?:on hold|put back (?:to|until))\b",
        "Put on hold pending the outcome of the national funding review",
        decisive=True,
    ),
    _phrase(
        "carried forward",
        Status.CARRIED_FORWARD,
        _NEG + r"\bcarr(?:y|ied|ying) (?:it |this )?(?:forward|over)\b|\bc/f\b|"
        r"\b(?:roll|rolled|rolling) (?:over|forward|into)\b|"
        r"\b(?:included|include|moved|transferred|added|incorporated|continue|continues)\s+"
        r"(?:in|into|to|within)\s+" + _PLAN + r"|\bas part of " + _PLAN,
        "This action has been rolled into next year's plan",
        decisive=True,
    ),
    _phrase(
        "not started",
        Status.NOT_STARTED,
        r"\b(?:still )?pending\s*(?:$|[.:;,-])|\bno (?:work|progress|activity|action)\b|"
        r"\bawaiting (?:a |the )?start\b",
        "This report is still pending",
    ),
    _phrase(
        "ongoing",
        Status.IN_PROGRESS,
        r"\bon-?going\b|\bin progress\b|\bunder ?way\b|\bprogressing\b|"
        r"\bon (?:track|target|schedule)\b|"
        r"\bin hand\b|\b(?:under|in) (?:review|development|draft|discussion|consultation)\b|"
        r"\bout (?:to|for) (?:\w+ )?(?:consultation|tender|comment)\b|"
        r"\b(?:nearing|close to) completion\b|\bfinal stages?\b|\binterim\b",
        "This is an ongoing piece of work",
    ),
    _phrase(
        "awaiting",
        Status.IN_PROGRESS,
        r"\bawait(?:ing|s|ed)?\b|\bwaiting (?:for|on)\b|\bsubject to\b|\bpending (?!\s*[.:;,-])|"
        r"\bremains? (?:open|outstanding)\b|\bstill outstanding\b|\bdrafted\b|"
        r"\bnot (?:yet )?(?:in place|live|in post)\b|"
        r"\b(?:outcome|decision|result|response|approval|sign-off) (?:is |are )?"
        r"(?:expected|awaited|due)\b",
        "Draft protocol shared with partners; awaiting sign-off by the LSCB",
    ),
    _phrase(
        "delayed",
        Status.IN_PROGRESS,
        _NEG + r"\b(?:delay(?:s|ed)?|slip(?:ped|page)|behind (?:schedule|plan)|off track|"
        r"resched\w+|later than (?:planned|expected)|taking longer|at risk|"
        r"revised (?:\w+ )?(?:date|timetable|timescale|deadline)|overdue|off target|"
        r"(?:timescale|deadline|date) (?:has been |was )?extended)\b",
        "The launch has slipped to September",
    ),
    _phrase(
        "below target",
        Status.IN_PROGRESS,
        r"\bbelow target\b|\bnot (?:yet )?on target\b|\bmissed\b|"
        r"\b\d{1,2}(?:\.\d+)?% (?:complete|completed|done|delivered)\b|"
        r"\b(?:achieved|completed|complete|delivered|met|implemented) in part\b",
        "Performance below target",
    ),
    _phrase(
        "making progress",
        Status.IN_PROGRESS,
        r"(?<!no )\b(?:good|steady|slow|some|significant|positive|considerable|strong|"
        r"excellent|limited|further|reasonable) progress\b|"
        r"\bprogress (?:\w+ ){0,3}(?:made|good|positive|steady)\b|\bcontinu(?:e|es|ed|ing)\b",
        "The latest report for this shows good progress",
        weak=True,
    ),
    _phrase(
        "planned",
        Status.IN_PROGRESS,
        r"\b(?:planned|scheduled|expected|due|programmed) (?:for|in|by)\b|"
        r"\bbe (?:in place|live|in post)\b|\b(?:will|to) take place\b|"
        r"\b(?:will|to) (?:go|be taken|be brought) to\b|"
        r"\b(?:will|to) be (?:carried out|set up|rolled out|operational)\b|"
        r"\bgo(?:es)? live\b",
        "Go-live is planned for 1 October",
        weak=True,
    ),
    _phrase(
        "in place",
        Status.COMPLETED,
        r"(?<!not )(?<!yet )(?<!be )\b(?:in place|in post|up and running|went live|gone live|"
        r"(?:is|are|now) live|took place|taken place|(?:taken|took|brought|went|gone) to|"
        r"carried out|set up|rolled out|operational|in operation|business as usual|mainstreamed|"
        r"took part|taken part)\b",
        "A QA process and Peer Review process is now in place",
    ),
]

# Comments that say nothing about the work: no update given, or look elsewhere. A
# sentence with one of these is not read for status words ("No update received").
NO_UPDATE = re.compile(
    r"\bno (?:update|information|return|response|commentary|data)\b|"
    r"\bupdate (?:to follow|not (?:yet )?(?:received|provided|given))\b|"
    r"\bawaiting (?:an? |the )?update\b|\bsee (?:the )?(?:appendix|attached|separate)\b|"
    r"\bunable to (?:report|provide|update)\b|"
    r"\b(?:update|comment|information|response|return)s? (?:\w+ ){0,4}(?:is|are) awaited\b",
    re.IGNORECASE,
)

# Work that recurs ("weekly meetings held", "reported quarterly") is done so far and
# goes on: a careful reader cannot be sure the action is finished.
RECURRING = re.compile(
    r"\b(?:weekly|fortnightly|monthly|quarterly|termly|regularly|routinely|"
    r"at each meeting|every (?:week|month|quarter|term|meeting))\b",
    re.IGNORECASE,
)
