"""KoSIT's XRechnung rules (rules/xrechnung/, Schematron source, Apache 2.0), run on every
XRechnung export after the EN 16931 rules they extend (validation.py).

The Schematron is compiled to XSLT once per test process by SchXslt 1.10.1 (rules/schxslt/,
its unmodified XSLT 2.0 files, MIT), itself an XSLT run by Saxon-HE, so a fresh clone needs
nothing beyond `saxonche`. KoSIT marks each assert's severity with `flag`: `fatal` breaks the
XRechnung standard, `warning` and `information` do not."""

from __future__ import annotations

import functools
from typing import Any

from lxml import etree

from tests.einvoicing.validation import RULES, SVRL, _processor

SCHEMATRON = {
    "ubl": RULES / "xrechnung" / "ubl" / "XRechnung-UBL-validation.sch",
    "cii": RULES / "xrechnung" / "cii" / "XRechnung-CII-validation.sch",
}
COMPILER = RULES / "schxslt" / "pipeline-for-svrl.xsl"  # include, expand, compile
# BT-24 of an XRechnung 3.0 document (and of its extension, which starts the same).
XRECHNUNG_ID = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
BT_24 = (
    "/*[local-name() = 'Invoice' or local-name() = 'CreditNote']/*[local-name() = "
    "'CustomizationID'] | /*/*[local-name() = 'ExchangedDocumentContext']/*[local-name() = "
    "'GuidelineSpecifiedDocumentContextParameter']/*[local-name() = 'ID']"
)


@functools.cache
def _stylesheet(syntax: str) -> Any:
    compiler = _processor().new_xslt30_processor().compile_stylesheet(stylesheet_file=str(COMPILER))
    compiled = compiler.transform_to_string(source_file=str(SCHEMATRON[syntax]))
    return _processor().new_xslt30_processor().compile_stylesheet(stylesheet_text=compiled)


def claims_xrechnung(xml: bytes) -> bool:
    """Whether the document's specification identifier (BT-24) is XRechnung's."""
    found = etree.fromstring(xml).xpath(BT_24)
    return any((element.text or "").startswith(XRECHNUNG_ID) for element in found)


def xrechnung_violations(xml: bytes, syntax: str) -> list[str]:
    """Every fatal XRechnung rule `xml` breaks (`BR-DE-15: [BR-DE-15] Das Element …`)."""
    node = _processor().parse_xml(xml_text=xml.decode())
    report = etree.fromstring(_stylesheet(syntax).transform_to_string(xdm_node=node).encode())
    errors = []
    for failed in report.iterfind(".//svrl:failed-assert", SVRL):
        if failed.get("flag") == "fatal":
            text = failed.findtext("svrl:text", namespaces=SVRL) or ""
            errors.append(f"{failed.get('id')}: {' '.join(text.split())}")
    return errors


def assert_valid_xrechnung(xml: bytes, syntax: str) -> None:
    found = xrechnung_violations(xml, syntax)
    assert not found, "XRechnung violations:\n" + "\n".join(found)
