"""The customer's language (kernel.i18n): which catalog and locale a `locale` tag gets, and
the catalogs themselves — complete for every language, and holding exactly the messages the
code and the templates ask for (what `make i18n` extracts), so a new text cannot ship
untranslated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from remit.kernel.i18n import CATALOGS, LANGUAGES, catalog_path, language_of

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "src" / "remit" / "hosted" / "templates"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
Key = tuple[str | None, str]  # (context, message)


def _catalog(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source)


def _keys(catalog: Catalog) -> set[Key]:
    return {(message.context, str(message.id)) for message in catalog if message.id}


def _extracted() -> set[Key]:
    """What `make i18n` extracts, by babel.cfg's own mapping."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(ROOT / "src", method_map, options_map)
    return {(context, message if isinstance(message, str) else message[0])
            for _file, _line, message, _comments, context in found}  # fmt: skip


class TestLanguageOf:
    @pytest.mark.parametrize(
        ("tag", "locale", "language"),
        [
            ("de-DE", "de_DE", "de"),
            ("de-AT", "de_AT", "de"),  # the region's formats, the language's catalog
            ("de-XY", "de", "de"),  # a region babel does not know: the language alone
            ("fr_CA", "fr_CA", "fr"),
            ("da", "da", "da"),
            ("pt-BR", "en_US", "en"),  # no Portuguese catalog: English, formats too
            ("xx", "en_US", "en"),
            (None, "en_US", "en"),
        ],
    )
    def test_a_tag_gets_its_locale_or_its_language_or_english(
        self, tag: str | None, locale: str, language: str
    ) -> None:
        words = language_of(tag)
        assert (str(words.locale), words.code) == (locale, language)

    def test_labels_and_country_names_speak_the_language(self) -> None:
        german = language_of("de-DE")
        assert german.gettext("Invoice %(number)s", number="7") == "Rechnung 7"
        assert german.pgettext("payment date", "Paid") == "Bezahlt am"
        assert german.pgettext("amount", "Paid") == "Bezahlt"
        assert (german.country("DE"), german.country("fr")) == ("Deutschland", "Frankreich")
        assert german.country("QQ") == "QQ"  # unknown to babel: shown as given
        assert language_of("fr").pgettext("credit note", "Void") == "Annulé"
        assert language_of("fr").gettext("Void") == "Annulée"  # a facture is feminine
        assert language_of("xx").gettext("Subtotal") == "Subtotal"


class TestCatalogs:
    def test_there_is_a_catalog_for_every_language(self) -> None:
        found = {path.parent.parent.name for path in CATALOGS.glob("*/LC_MESSAGES/remit.po")}
        assert found == set(LANGUAGES)

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_every_message_is_translated_with_its_placeholders(self, language: str) -> None:
        catalog = _catalog(catalog_path(language))
        assert str(catalog.locale) == language
        for message in catalog:
            if not message.id:
                continue
            label = f"{language}: {message.context or ''} {message.id!r}"
            assert message.string, f"untranslated — {label}"
            assert not message.fuzzy, f"fuzzy — {label}"
            wanted = sorted(PLACEHOLDER.findall(str(message.id)))
            assert sorted(PLACEHOLDER.findall(str(message.string))) == wanted, label
        assert not catalog.obsolete, f"{language}: obsolete entries — run `make i18n`"

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_the_catalog_holds_exactly_what_the_code_asks_for(self, language: str) -> None:
        """Fails when code or a template gains a text (`make i18n`, then translate it) or
        drops one."""
        extracted, held = _extracted(), _keys(_catalog(catalog_path(language)))
        assert not extracted - held, f"{language}: not in the catalog — run `make i18n`"
        assert not held - extracted, f"{language}: no longer used — run `make i18n`"

    def test_the_template_file_is_current(self) -> None:
        assert _keys(_catalog(CATALOGS / "remit.pot")) == _extracted()


def _bare_text(source: str) -> list[str]:
    """The words a template writes outside `{{ }}`, `{% %}` and comments, in text and in
    the attributes a reader sees or hears — each should be a translated message."""
    source = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", "", source, flags=re.DOTALL)
    source = re.sub(r"<style>.*?</style>", "", source, flags=re.DOTALL)
    shown = re.findall(r'\b(?:aria-label|alt|title|data-label|placeholder)="([^"]*)"', source)
    text = re.sub(r"<[^>]*>|&\w+;", " ", source)
    return [part for part in [*shown, *text.split()] if re.search(r"[^\W\d_]", part)]


@pytest.mark.parametrize(
    "template", sorted(path.name for path in TEMPLATES.glob("*.html") if path.name != "_style.html")
)
def test_a_template_writes_no_untranslated_words(template: str) -> None:
    assert _bare_text((TEMPLATES / template).read_text()) == []
