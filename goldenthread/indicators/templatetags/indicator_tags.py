from django import template
from django.utils.safestring import mark_safe

from goldenthread.charts import sparkline
from goldenthread.indicators.targets import RAG_LABELS
from goldenthread.lib.wording import amount

register = template.Library()

# The tag's words always say the RAG, so colour is never the only cue.
RAG_CLASSES = {"green": "govuk-tag--green", "amber": "govuk-tag--yellow", "red": "govuk-tag--red"}
SIGNIFICANCE_CLASSES = {"Better": "govuk-tag--green", "Worse": "govuk-tag--red"}


@register.filter
def shown(indicator, value) -> str:
    """``{{ indicator|shown:value }}``: "5.4%", "75 per 10,000", "No data"."""
    return indicator.format(value)


@register.filter
def change_text(evaluation) -> str:
    """The change since the previous value, with its unit: "+5.0 percentage points", "+1 percentage point"."""
    change = evaluation.change
    if change is None:
        return ""
    number = f"{abs(change):,.{evaluation.indicator.decimals}f}"
    sign = "+" if change > 0 else "−" if change < 0 else ""
    return sign + amount(number, evaluation.change_unit)


@register.filter
def rag_class(rag: str) -> str:
    return RAG_CLASSES.get(rag, "govuk-tag--grey")


@register.filter
def rag_label(rag: str) -> str:
    return RAG_LABELS.get(rag, "No RAG")


@register.filter
def significance_class(significance: str) -> str:
    return SIGNIFICANCE_CLASSES.get(significance.split(" ")[0], "govuk-tag--grey")


@register.simple_tag
def trend_line(evaluation) -> str:
    values = [value for _, value, *_ in evaluation.trend]
    label = "Trend: " + ", ".join(
        f"{period} {evaluation.indicator.format(value)}" for period, value, *_ in evaluation.trend
    )
    periods = [evaluation.indicator.parse_period(period) for period, *_ in evaluation.trend]
    # The markup is built with its label escaped (see charts.sparkline).
    return mark_safe(sparkline(values, label=label, periods=periods))


@register.filter
def gap_words(evaluation, comparator: str) -> str:
    """How far the value is above or below a comparator: "2 percentage points below"."""
    gap = evaluation.gap_to(getattr(evaluation, comparator))
    if gap is None:
        return ""
    decimals = evaluation.indicator.decimals
    if round(gap, decimals) == 0:
        return "the same"
    size = amount(f"{abs(gap):,.{decimals}f}", evaluation.change_unit)
    return f"{size} {'above' if gap > 0 else 'below'}"
