"""Django's JSON serializer, keeping times to the microsecond.

Django's own encoder cuts datetimes to milliseconds, so a restored record would not be
the record that was backed up. Registered as the "backup" format in settings.
"""

import datetime as dt

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["Deserializer", "Serializer"]


class _ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = _ExactEncoder
