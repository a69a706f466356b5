from django import template

register = template.Library()

# GOV.UK tag colours; the tag's text always says the status, so colour is never the only cue.
TAG_CLASSES = {
    "not_started": "govuk-tag--grey",
    "in_progress": "govuk-tag--blue",
    "completed": "govuk-tag--green",
    "carried_forward": "govuk-tag--purple",
    "deferred": "govuk-tag--orange",
    "withdrawn": "govuk-tag--red",
    "": "govuk-tag--yellow",
    "not_known": "govuk-tag--yellow",
}

# A RAG of confidence: the tag says "On track", "At risk" or "Off track" in words too.
CONFIDENCE_TAG_CLASSES = {
    "on_track": "govuk-tag--green",
    "at_risk": "govuk-tag--yellow",
    "off_track": "govuk-tag--red",
}


@register.filter
def confidence_tag_class(confidence: str) -> str:
    return CONFIDENCE_TAG_CLASSES.get(confidence or "", "govuk-tag--grey")


@register.filter
def status_tag_class(status: str) -> str:
    return TAG_CLASSES.get(status or "", "govuk-tag--grey")


@register.filter
def get(mapping: dict, key):
    return mapping.get(key)
