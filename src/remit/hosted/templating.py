"""The hosted pages' templates, one Jinja environment per language: `{{ _("…") }}` and
`{% trans %}` speak the customer's language (jinja2.ext.i18n over kernel.i18n's catalogs).
Each environment compiles its templates once and is kept for the life of the process."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from remit.kernel.i18n import translations_for


@cache
def templates_for(language: str) -> Environment:
    """The templates speaking `language` (`de`); English for a language without a catalog."""
    templates = Environment(
        loader=PackageLoader("remit.hosted", "templates"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    # New-style gettext: placeholders are filled and escaped by the call itself.
    templates.install_gettext_translations(translations_for(language), newstyle=True)  # type: ignore[attr-defined]
    return templates
