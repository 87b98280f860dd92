"""Small helpers for the catalogue templates; none of them queries the database."""

from django import template

from ..models import DECREE_42_TERMS
from ..views import form_download_url

register = template.Library()


@register.filter
def decree_42_term(level) -> str:
    """The Decree 42/2022 name of an old (Decree 43/2011) service level."""
    try:
        return DECREE_42_TERMS[int(level)]
    except (KeyError, TypeError, ValueError):
        return ""


@register.filter
def file_type(document) -> str:
    """“DOCX”, “PDF”: the file's extension, as a citizen recognises it."""
    return (document.file_extension or "").upper()


@register.filter
def download_url(document) -> str:
    return form_download_url(document)
