from __future__ import annotations

from django import forms

from goldenthread.people.models import Person
from goldenthread.plans.models import Action
from goldenthread.reports.models import PublishedReport

from .models import AgendaItem, Meeting

NARROW_INPUT = {"class": "govuk-input--width-10"}


class MeetingForm(forms.ModelForm):
    """A manager schedules a board meeting."""

    class Meta:
        model = Meeting
        fields = ["date", "time", "place"]
        labels = {"time": "Time (optional)", "place": "Place (optional)"}
        help_texts = {"date": "For example, 13/11/2014", "time": "For example, 14:00"}
        widgets = {
            "date": forms.DateInput(attrs=NARROW_INPUT),
            "time": forms.TimeInput(attrs=NARROW_INPUT, format="%H:%M"),
        }
        error_messages = {
            "date": {
                "required": "Enter the date of the meeting",
                "invalid": "Enter a real date, such as 13/11/2014",
            },
            "time": {"invalid": "Enter a time, such as 14:00"},
        }

    def __init__(self, *args, board, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.board = board

    def clean_date(self):
        date = self.cleaned_data["date"]
        board = self.instance.board
        if Meeting.objects.filter(board=board, date=date).exists():
            raise forms.ValidationError(f"{board} already has a meeting on that day")
        return date


class AgendaItemForm(forms.ModelForm):
    """A manager puts a report on a meeting's agenda."""

    class Meta:
        model = AgendaItem
        fields = ["title", "lead", "lead_person", "published_report", "action"]
        labels = {
            "title": "Report title",
            "lead": "Presented by (optional)",
            "lead_person": "Or choose the person presenting it (optional)",
            "published_report": "Archived report given to the board (optional)",
            "action": "Action it is the evidence for (optional)",
        }
        help_texts = {
            "lead": "As the agenda writes it, such as “Director of Public Health”.",
            "action": "When the report is recorded as presented, this action is completed.",
        }
        error_messages = {"title": {"required": "Enter the title of the report"}}

    def __init__(self, *args, meeting: Meeting, delivery_plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        partnership = meeting.board.partnership
        self.fields["lead_person"].queryset = Person.objects.filter(
            partnership=partnership
        ).current()
        self.fields["published_report"].queryset = PublishedReport.objects.filter(
            partnership=partnership
        )
        actions = Action.objects.none()
        if delivery_plan is not None:
            actions = Action.objects.for_delivery_plan(delivery_plan).in_plan_order()
        self.fields["action"].queryset = actions
        self.fields["action"].label_from_instance = lambda a: f"{a.code} {a.text[:90]}"

    def save(self, commit: bool = True) -> AgendaItem:
        last = self.instance.meeting.items.order_by("-position").first()
        self.instance.position = (last.position + 1) if last else 1
        return super().save(commit)
