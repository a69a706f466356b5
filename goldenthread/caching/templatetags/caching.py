"""``{% cached "name" %} ... {% endcached %}``: a part of a partnership's page rendered
once per data version, reader and address (keys.py); ``{% cached "name" personal %}`` for
a part that shows the reader's own things. Never put a form's CSRF token inside.

A view that computes what only its parts show passes it through ``render_parts``
(fragments.py), so that a part from the cache costs none of it."""

from __future__ import annotations

from django import template
from django.template.base import Parser, Token

from ..fragments import DEFERRED
from ..keys import has_version, key
from ..pages import cache

register = template.Library()


class CachedNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str, personal: bool) -> None:
        self.nodelist, self.name, self.personal = nodelist, name, personal

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        if request is None or not has_version(request):
            return self.fresh(context)
        named = key(request, f"fragment:{self.name}", personal=self.personal)
        if (found := cache().get(named)) is not None:
            return found
        rendered = self.fresh(context)
        cache().set(named, rendered)
        return rendered

    def fresh(self, context: template.Context) -> str:
        deferred = context.get(DEFERRED)
        with context.push(deferred.values() if deferred else {}):
            return self.nodelist.render(context)


@register.tag
def cached(parser: Parser, token: Token) -> CachedNode:
    bits = token.split_contents()
    if len(bits) not in (2, 3) or (len(bits) == 3 and bits[2] != "personal"):
        raise template.TemplateSyntaxError('Usage: {% cached "name" [personal] %}')
    nodelist = parser.parse(("endcached",))
    parser.delete_first_token()
    return CachedNode(nodelist, bits[1].strip("\"'"), personal=len(bits) == 3)
