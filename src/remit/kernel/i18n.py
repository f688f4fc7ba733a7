"""The customer's language: gettext catalogs (babel), and the locale that numbers, dates and
country names are written in, so that a document speaks one language throughout.

The catalogs are `kernel/locale/<language>/LC_MESSAGES/remit.po`, compiled in memory the
first time a language is asked for (no build step: a fresh clone works as it is) and kept
for the life of the process. `make i18n` extracts the messages from the code and the
templates and merges them into every catalog (docs/hosted.md, "Languages").

A customer's `locale` (BCP 47, `de-AT`) is read as: that locale if babel knows it, else its
language (`de`); a language without a catalog, or an unknown tag, is English (`en-US`) —
texts, numbers and dates alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

CATALOGS = Path(__file__).parent / "locale"
DOMAIN = "remit"
LANGUAGES = ("en", "de", "fr", "nl", "es", "it", "da")
DEFAULT_LOCALE = "en_US"


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where shown."""
    return message


@dataclass(frozen=True)
class Language:
    """What a document needs to speak to its customer: `locale` for babel's formatting and
    names, and the catalog's messages. `values` fill a message's `%(name)s` placeholders."""

    locale: Locale
    translations: Translations

    @property
    def code(self) -> str:
        return self.locale.language

    def gettext(self, message: str, **values: Any) -> str:
        text = self.translations.gettext(message)
        return text % values if values else text

    def pgettext(self, context: str, message: str, **values: Any) -> str:
        """A message whose translation depends on where it stands (`Paid` as a date's label
        is not `Paid` as an amount's)."""
        text = str(self.translations.pgettext(context, message))
        return text % values if values else text

    def country(self, code: str | None) -> str | None:
        """An ISO 3166 code as the language names the country (`DE` → `Deutschland`); a
        code babel does not know is shown as it is."""
        if not code:
            return code
        return str(self.locale.territories.get(code.upper(), code))


def language_of(tag: str | None) -> Language:
    """The language and locale of a customer's `locale` tag (`de-DE`, `fr`, None)."""
    return _language(_locale_of(tag))


def translations_for(language: str) -> Translations:
    """The compiled catalog of one of `LANGUAGES` (English for any other)."""
    return _translations(language if language in LANGUAGES else "en")


def catalog_path(language: str) -> Path:
    return CATALOGS / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _locale_of(tag: str | None) -> Locale:
    for candidate in _candidates(tag):
        try:
            locale = Locale.parse(candidate)
        except (UnknownLocaleError, ValueError, TypeError):
            continue
        if locale.language in LANGUAGES:
            return locale
    return Locale.parse(DEFAULT_LOCALE)


def _candidates(tag: str | None) -> list[str]:
    """`de-AT` → `de_AT`, then `de`."""
    if not tag:
        return []
    full = tag.replace("-", "_")
    return [full, full.split("_")[0]]


@cache
def _language(locale: Locale) -> Language:
    return Language(locale, _translations(locale.language))


@cache
def _translations(language: str) -> Translations:
    """A catalog compiled in memory: `.po` → `.mo` bytes → gettext's own reader."""
    with catalog_path(language).open("rb") as source:
        catalog = read_po(source, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
