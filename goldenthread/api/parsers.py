"""JSON bodies, read so that no body can make a server error of itself."""

from __future__ import annotations

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser, but a body nested deeper than Python's parser can follow (100,000
    ``[``) is the caller's mistake, a 400, not a RecursionError and a 500. No body the API
    takes is nested more than a few levels, so nothing real is refused."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(
                "JSON parse error - the body is nested too deeply: "
                "send an object of fields, as the API's description shows."
            ) from None
