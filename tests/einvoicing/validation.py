"""The official EN 16931 validation artefacts (rules/, CEN/TC 434 release 1.3.16, EUPL 1.2),
run on every e-invoice the tests produce: the Schematron rules compiled to XSLT, by Saxon-HE,
and for CII the D16B XSD, by lxml. A `failed-assert` flagged fatal is a violation."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from lxml import etree
from saxonche import PySaxonProcessor

RULES = Path(__file__).parent / "rules"
STYLESHEETS = {
    "ubl": RULES / "ubl" / "EN16931-UBL-validation.xslt",
    "cii": RULES / "cii" / "EN16931-CII-validation.xslt",
}
CII_XSD = RULES / "cii/schema/uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd"
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}


@functools.cache
def _processor() -> Any:
    return PySaxonProcessor(license=False)


@functools.cache
def _stylesheet(syntax: str) -> Any:
    compiler = _processor().new_xslt30_processor()
    return compiler.compile_stylesheet(stylesheet_file=str(STYLESHEETS[syntax]))


@functools.cache
def _cii_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(CII_XSD)))


def violations(xml: bytes, syntax: str) -> list[str]:
    """Every fatal EN 16931 rule `xml` breaks (`[BR-CO-10]-Sum of …`), and for CII every
    XSD error."""
    errors: list[str] = []
    if syntax == "cii":
        schema = _cii_schema()
        if not schema.validate(etree.fromstring(xml)):
            errors += [f"XSD: {error.message}" for error in schema.error_log]
    node = _processor().parse_xml(xml_text=xml.decode())
    report = etree.fromstring(_stylesheet(syntax).transform_to_string(xdm_node=node).encode())
    for failed in report.iterfind("svrl:failed-assert", SVRL):
        if failed.get("flag") == "fatal":
            text = failed.findtext("svrl:text", namespaces=SVRL) or ""
            errors.append(f"{failed.get('id')}: {' '.join(text.split())}")
    return errors


def assert_valid(xml: bytes, syntax: str = "ubl") -> None:
    """EN 16931's rules, and KoSIT's XRechnung rules too when BT-24 names XRechnung."""
    found = violations(xml, syntax)
    assert not found, "EN 16931 violations:\n" + "\n".join(found)
    from tests.einvoicing import xrechnung  # imports this module: loaded once it is complete

    if xrechnung.claims_xrechnung(xml):
        xrechnung.assert_valid_xrechnung(xml, syntax)
