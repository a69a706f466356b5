"""Status reading measured on the labelled progress comments, approach by approach.

The set is goldenthread/plans/tests/data/status_comments.csv: each comment (with any
status or RAG column beside it) labelled by hand, "sure" where a careful reader could
say, and split into the part the rules were developed on ("dev") and a part kept
aside while they were written ("held-out"). Approaches:

1. baseline: the phrase list the importer had before (fitted to the 2014/15 seed).
2. lexicon: goldenthread's reader (plans/status_reading): verbs by lemma, read for
   tense and negation with the words before them in their clause.
3. spaCy: the same lexicon, phrases and weighing, but each verb's tense and negation
   taken from spaCy's tagger and dependency parse (only if spaCy and the model named by
   --spacy-model are installed; neither is a dependency of goldenthread).
4. classifier: scikit-learn logistic regression over the reader's signals and the
   comment's words, cross-validated on the dev part (5 folds), then trained on all of
   dev and tried on held-out (only if scikit-learn is installed).

For each: accuracy on every row and on the sure rows, per status (every row), and the
confusion of completed with not started, which must never happen. With --write the
figures replace those in docs/importing.md between this script's markers.

    .venv/bin/python bench/status_reading.py [--spacy-model en_core_web_sm] [--write]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "goldenthread" / "plans" / "tests" / "data" / "status_comments.csv"
STATUSES = [
    "completed",
    "in_progress",
    "not_started",
    "carried_forward",
    "deferred",
    "withdrawn",
    "",
]

Reader = Callable[[str, str], str]


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldenthread.settings")
    os.environ.update(DEBUG="1", SECRET_KEY=os.environ.get("SECRET_KEY", "bench"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def rows() -> list[dict[str, str]]:
    with DATA.open(newline="") as f:
        return list(csv.DictReader(f))


# -- 1. The phrase list of before, kept here only to measure against ----------------

_BASELINE = [
    (
        "withdrawn",
        r"\bno longer (?:alive|valid|required|needed|relevant|applicable)\b|\bwithdrawn\b",
    ),
    ("deferred", r"\b(?:being |been )?(?:deferred|postponed)\b|\bon hold\b"),
    (
        "carried_forward",
        r"\bcarr(?:y|ied|ying) (?:it )?forward\b|\bc/f\b|\brolled (?:over|forward)\b",
    ),
    (
        "carried_forward",
        r"\b(?:included in|part of|moved (?:in)?to|into) the (?:\d{2}|\d{4})/\d{1,2} plan\b",
    ),
    (
        "not_started",
        r"\bstill pending\b|\bnot (?:yet )?(?:started|begun|commenced)\b|\bnot yet received\b",
    ),
    ("in_progress", r"\bongoing\b|\bon-going\b|\bin progress\b|\bunder ?way\b"),
    (
        "in_progress",
        r"\bbeing (?:progressed|actively|looked at|developed|undertaken|done|worked|reviewed|delivered)\b",
    ),
    ("in_progress", r"\bawaiting\b|\bstill await(?:ing|ed)\b|\bin draft\b|\bdue to be\b"),
    (
        "in_progress",
        r"\b(?:good|steady|slow) progress\b|\bprogress which is\b|\bcontinu(?:ed|es|ing)\b",
    ),
    ("in_progress", r"\bbelow target\b|\bnot (?:yet )?(?:met|achieved)\b"),
    ("completed", r"\b(?:completed?|finali[sz]ed|achieved)\b"),
    (
        "completed",
        r"\b(?:presented|submitted|taken|brought|reported) to\b|\bhas been received\b|\bis received by\b|\b(?:report|paper|plan|strategy|statement)\b[^.]{0,40}\b(?:provided|produced|agreed|approved|published|updated|refreshed)\b",
    ),
    (
        "completed",
        r"\b(?:now |is |are )?in place\b|\bimplemented\b|\blaunched\b|\btook place\b|\bestablished\b|\bevaluated\b|\baccredited\b|\bopened\b",
    ),
    ("completed", r"\b(?:agreed|approved|produced|provided)\b"),
]
_ORDER = ["withdrawn", "deferred", "carried_forward", "not_started", "in_progress", "completed"]


def baseline(comment: str, stated: str) -> str:
    """The importer's reading before issue 16; it read no status column."""
    found = [s for s, p in _BASELINE if re.search(p, comment, re.IGNORECASE)]
    return min(found, key=_ORDER.index) if found else ""


# -- 2. goldenthread's reader ---------------------------------------------------------


def lexicon(comment: str, stated: str) -> str:
    from goldenthread.plans.status_rules import infer_status

    return str(infer_status(comment, stated).status)


# -- 3. The same reading with spaCy's parse -------------------------------------------


def spacy_reader(model: str) -> Reader | None:
    try:
        import spacy
    except ImportError:
        return None
    try:
        nlp = spacy.load(model)
    except OSError:
        return None
    from goldenthread.plans.status_reading import lexicon as lx
    from goldenthread.plans.status_reading import sentences, stated
    from goldenthread.plans.status_reading.decide import Inference, decide

    kinds = {"VBN": lx.PAST, "VBD": lx.PAST, "VBG": lx.ING, "VB": lx.BASE, "VBP": lx.BASE}

    def verb_signal(token) -> sentences.Signal | None:
        """A verb's reading from the parse: the lexicon's reading of its form, with the
        auxiliaries and negation the parser attached to it in place of the words before
        it, and its role deciding whether it is an event at all."""
        known = lx.VERBS.get(token.lower_)
        if known is None or (token.tag_ not in kinds and token.lower_ != "complete"):
            return None
        lemma = known[0]
        if lemma == "meet" and not {t.lower_ for t in token.sent} & lx.TARGET_NOUNS:
            return None
        # An adjective ("the agreed plan"), a participle describing the subject of
        # another verb ("data, published by ONS, is ..."), or the time or condition of
        # another event ("once it is agreed") is no event. A participle after a noun
        # that heads its sentence is one: "Report submitted to the Board".
        marks = {c.lower_ for c in token.children if c.dep_ in {"mark", "advmod"}}
        if token.dep_ == "amod" or marks & lx.SUBORDINATORS:
            return None
        if token.dep_ == "acl" and token.head.dep_ != "ROOT":
            return None
        before = sorted(
            (
                c
                for c in token.children
                if c.dep_ in {"aux", "auxpass", "neg", "advmod"} and c.i < token.i
            ),
            key=lambda c: c.i,
        )
        window = [sentences._Word(c.lower_, c.idx, c.idx + len(c)) for c in before]
        kind = kinds.get(token.tag_, lx.BASE)
        reading = sentences._reading(lemma, kind, window, {t.lower_ for t in token.sent})
        if reading is None:
            return None
        status, name, decisive, weak = reading
        return sentences.Signal(status, name, token.text, decisive, weak)

    def read_comment(comment: str) -> Inference:
        signals = []
        text = sentences.normalise(comment)
        for sentence in sentences.sentences(text):
            if lx.NO_UPDATE.search(sentence):
                continue
            signals += sentences._phrases(sentence)
            signals += [s for t in nlp(sentence) if (s := verb_signal(t))]
        return decide(signals)

    def read(comment: str, stated_text: str) -> str:
        comment_reading = read_comment(comment)
        if not stated_text.strip():
            return str(comment_reading.status)
        column, is_colour = stated.from_column(stated_text, read_comment)
        return str(stated.weigh(column, is_colour, comment_reading).status)

    return read


# -- 4. A classifier over the reader's signals and the words --------------------------


def features(comment: str, stated_text: str) -> str:
    """The comment's words plus a token per signal the reader found, for a bag of words."""
    from goldenthread.plans.status_reading import sentences, stated

    signals, _ = sentences.read(comment)
    tokens = [f"SIG_{s.status}_{s.reading.replace(' ', '_')}" for s in signals]
    column = stated.colour(stated_text) if stated_text.strip() else None
    if stated_text.strip():
        tokens.append(f"STATED_{column or 'words'}")
        tokens += [f"STATEDSIG_{s.status}" for s in sentences.read(stated_text)[0]]
    return " ".join([comment.lower(), *tokens])


def classifier_scores(
    parts: dict[str, list[dict[str, str]]],
) -> dict[str, list[str]] | None:
    """Cross-validated predictions on dev; on each other part, the predictions of a model
    trained on all of dev."""
    try:
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
        from sklearn.pipeline import make_pipeline
    except ImportError:
        return None
    dev = parts["dev"]

    def model():
        return make_pipeline(
            CountVectorizer(ngram_range=(1, 2), token_pattern=r"[A-Za-z_/]+", min_df=1),
            LogisticRegression(max_iter=2000, C=3.0),
        )

    x = [features(r["comment"], r["stated"]) for r in dev]
    y = [r["status"] for r in dev]
    counts = Counter(y)
    folds = StratifiedKFold(n_splits=min(5, min(counts.values())), shuffle=True, random_state=0)
    predicted = {"dev": list(cross_val_predict(model(), x, y, cv=folds))}
    fitted = model().fit(x, y)
    for part, these in parts.items():
        if part != "dev":
            x_part = [features(r["comment"], r["stated"]) for r in these]
            predicted[part] = list(fitted.predict(x_part))
    return predicted


# -- Scoring --------------------------------------------------------------------------


def score(data: list[dict[str, str]], predicted: list[str]) -> dict:
    sure = [(r, p) for r, p in zip(data, predicted, strict=True) if r["sure"] == "yes"]
    per_status = {}
    for status in STATUSES:
        these = [(r, p) for r, p in zip(data, predicted, strict=True) if r["status"] == status]
        if these:
            per_status[status] = (sum(r["status"] == p for r, p in these), len(these))
    confused = sum(
        {r["status"], p} == {"completed", "not_started"}
        for r, p in zip(data, predicted, strict=True)
    )
    return {
        "all": (sum(r["status"] == p for r, p in zip(data, predicted, strict=True)), len(data)),
        "sure": (sum(r["status"] == p for r, p in sure), len(sure)),
        "per_status": per_status,
        "completed_vs_not_started": confused,
        "confusion": Counter(
            (r["status"], p) for r, p in zip(data, predicted, strict=True) if r["status"] != p
        ),
    }


def pct(pair: tuple[int, int]) -> str:
    right, total = pair
    return f"{right}/{total} ({100 * right / total:.0f}%)" if total else "–"


def table(results: dict[str, dict[str, dict]]) -> str:
    name = {"": "not known", **{s: s.replace("_", " ") for s in STATUSES if s}}
    lines = [
        "| approach | part | all rows | sure rows | completed ↔ not started | "
        + " | ".join(name[s] for s in STATUSES)
        + " |",
        "| --- " * (4 + len(STATUSES)) + "|",
    ]
    for approach, parts in results.items():
        for part, s in parts.items():
            cells = [pct(s["per_status"].get(st, (0, 0))) for st in STATUSES]
            lines.append(
                f"| {approach} | {part} | {pct(s['all'])} | {pct(s['sure'])} | "
                f"{s['completed_vs_not_started']} | " + " | ".join(cells) + " |"
            )
    return "\n".join(lines)


def write_docs(report: str) -> None:
    docs = ROOT / "docs" / "importing.md"
    text = docs.read_text()
    start, end = "<!-- bench/status_reading.py -->", "<!-- end bench/status_reading.py -->"
    before, rest = text.split(start, 1)
    docs.write_text(f"{before}{start}\n{report}\n{end}{rest.split(end, 1)[1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spacy-model", default="en_core_web_sm")
    parser.add_argument("--write", action="store_true", help="put the table in docs/importing.md")
    args = parser.parse_args()
    setup()
    data = rows()
    parts = {
        part: [r for r in data if r["part"] == part]
        for part in dict.fromkeys(r["part"] for r in data)
    }
    readers: dict[str, Reader | None] = {
        "baseline (phrase list of 2014/15)": baseline,
        "lexicon reader (kept)": lexicon,
        f"spaCy parse ({args.spacy_model})": spacy_reader(args.spacy_model),
    }
    results: dict[str, dict[str, dict]] = {}
    for approach, reader in readers.items():
        if reader is None:
            print(f"{approach}: not measured (not installed)")
            continue
        results[approach] = {
            part: score(these, [reader(r["comment"], r["stated"]) for r in these])
            for part, these in parts.items()
        }
    predictions = classifier_scores(parts)
    if predictions is None:
        print("classifier: not measured (scikit-learn is not installed)")
    else:
        results["classifier (logistic regression; dev 5-fold cross-validated)"] = {
            part: score(parts[part], predicted) for part, predicted in predictions.items()
        }
    report = table(results)
    print(report)
    for approach, these in results.items():
        for part, s in these.items():
            worst = ", ".join(
                f"{a or 'not known'}→{b or 'not known'} ×{n}"
                for (a, b), n in s["confusion"].most_common(6)
            )
            print(f"{approach} {part}: misread {worst or 'none'}")
    if args.write:
        write_docs(report)


if __name__ == "__main__":
    main()
