"""``{% inline_style %}…{% endinline_style %}``: an inline ``<style>`` allowed by its hash (security/csp.py).

The block's rendered content is hashed and the hash recorded on the request,
for the Content-Security-Policy header of this response. The content must be
the same for every visitor of a page (a site's accent colour, never anything
about the visitor): the page may be kept in a shared cache. Do not use it
inside a ``{% cache %}`` fragment: on a fragment hit the block does not run
and its hash would be missing from the header.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from security.csp import allow_style

register = template.Library()


class InlineStyleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context) -> str:
        css = self.nodelist.render(context)
        allow_style(context.get("request"), css)
        return format_html("<style>{}</style>", css)


@register.tag
def inline_style(parser, token):
    nodelist = parser.parse(("endinline_style",))
    parser.delete_first_token()
    return InlineStyleNode(nodelist)
