from django import forms

from goldenthread.partnerships.logo import validate_logo
from goldenthread.partnerships.models import Partnership


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
