"""Token hints are now the token's last four characters, as docs/api.md says.

Tokens made before kept their first ten ("gt_" and seven more), which cannot be turned
into the last four: only the digest of the rest is kept. Those hints are emptied, and
the tokens page says the ending is not known, rather than show a start as an end.
"""

from django.db import migrations
from django.db.models.functions import Length


def forget_first_characters(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    ApiToken.objects.annotate(length=Length("hint")).filter(length__gt=4).update(hint="")


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [migrations.RunPython(forget_first_characters, migrations.RunPython.noop)]
