from django import forms

from goldenthread.partnerships.logo import validate_logo
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import Aim

from .models import Place, ReportSection
from .sections import missing_images, validate_image


class LogoForm(forms.ModelForm):
    """The partnership's logo: a PNG or JPEG, checked by `plans.logo.validate_logo`.

    A plain file field, so that our checks, which name the file and the limit, speak
    first rather than Django's generic "upload a valid image".
    """

    logo = forms.FileField(
        required=False,
        label="Upload a logo",
        help_text="PNG or JPEG, up to 512 KB: heads every report.",
        validators=[validate_logo],
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )

    class Meta:
        model = Partnership
        fields = ["logo"]


MARKDOWN_HINT = (
    "In Markdown: # for a heading under the section's title, **bold**, *italic*, "
    "- for a bulleted list, 1. for a numbered one, > for a quote, [words](https://…) "
    "for a link, a table of | cells |, and ![what it shows](photo.jpg) for an image "
    "uploaded with the section. Anything else, such as HTML, is shown as typed."
)


class SectionForm(forms.Form):
    """An authored section's title, place among the report's sections, and words."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Foreword, or What children and young people told us.",
        error_messages={"required": "Enter the section's title"},
    )
    where = forms.ChoiceField(
        label="Where it goes in the report",
        error_messages={"required": "Choose where the section goes in the report"},
    )
    body = forms.CharField(
        label="The section's words",
        help_text=MARKDOWN_HINT,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "true"}),
        error_messages={"required": "Enter the section's words"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, aims: list[Aim], section: ReportSection | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if section is not None and section.aim and section.aim not in aims:
            # Its aim has no actions this year: offered still, so that saving keeps it.
            aims = [*aims, section.aim]
        self.aims = {str(aim.pk): aim for aim in aims}
        self.section = section
        self.fields["where"].choices = [
            (Place.START.value, Place.START.label),
            (Place.INTRODUCTION.value, Place.INTRODUCTION.label),
            *((f"aim:{aim.pk}", f"After strategic aim {aim.number}: {aim.title}") for aim in aims),
            (Place.END.value, Place.END.label),
        ]
        if section is not None:
            where = f"aim:{section.aim_id}" if section.place == Place.AIM else section.place
            self.initial.setdefault("title", section.title)
            self.initial.setdefault("body", section.body)
            self.initial.setdefault("where", where)
            self.initial.setdefault("version", section.version)

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        missing = missing_images(body, self.section)
        if missing:
            names = ", ".join(missing)
            raise forms.ValidationError(
                f"The words show {names}, which {'is' if len(missing) == 1 else 'are'} not "
                "uploaded with this section: upload it below, or take it out of the words"
                if self.section
                else f"The words show {names}: save the section first, then upload its images"
            )
        return body

    def placed(self) -> dict:
        """The place and aim the form chose, as the model holds them."""
        where = self.cleaned_data["where"]
        if where.startswith("aim:"):
            return {"place": Place.AIM.value, "aim": self.aims[where.removeprefix("aim:")]}
        return {"place": where, "aim": None}

    def changes(self) -> dict:
        return {
            "title": self.cleaned_data["title"].strip(),
            "body": self.cleaned_data["body"],
            **self.placed(),
        }


class SectionImageForm(forms.Form):
    image = forms.FileField(
        label="Upload an image",
        help_text="PNG or JPEG, up to 2 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
        error_messages={"required": "Choose an image to upload"},
    )
    alt_text = forms.CharField(
        label="What the image shows",
        max_length=500,
        help_text=(
            "Its alternative text, for someone who cannot see it: what it shows and why "
            "it is there, such as Young people at the 2014 participation event."
        ),
        error_messages={"required": "Say what the image shows, for someone who cannot see it"},
    )

    def clean_image(self):
        upload = self.cleaned_data["image"]
        validate_image(upload)
        return upload
