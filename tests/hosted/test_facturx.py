"""Invoice PDFs as Factur-X (hosted.facturx, docs/einvoicing.md): PDF/A-3b with the CII
e-invoice embedded as `factur-x.xml`, from the public link and from `GET /v1/invoices/{id}/pdf`
alike; without the attachment when the account turns it off or the invoice cannot be exported.

veraPDF is not run here (it is a Java tool): what PDF/A-3 and Factur-X require of the file's
structure is read back with pypdf, the e-invoice is checked by the official EN 16931 rules
and by the Factur-X EN 16931 schema (through the `factur-x` library's reader)."""

from __future__ import annotations

import io
from typing import Any

import facturx as facturx_library
import httpx
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from remit.hosted import facturx
from tests.einvoicing.validation import assert_valid
from tests.support import Api, TenantApi, expect, problem

SELLER = {
    "legal_name": "Acme Software GmbH",
    "tax_ids": [{"type": "eu_vat", "value": "DE136695976"}],
    "address": {"line1": "Domstraße 1", "postal_code": "50667", "city": "Köln", "country": "DE"},
}
BUYER_ADDRESS = {"line1": "Keizersgracht 1", "postal_code": "1015", "city": "Amsterdam",
                 "country": "NL"}  # fmt: skip
LINES = [{"description": "Licence", "quantity": "3", "unit_amount": "33.33", "tax_rate": "19"}]
XMP = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "fx": facturx.NAMESPACE,
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}


async def exportable_invoice(api: TenantApi) -> dict[str, Any]:
    """An open invoice of a seller with all EN 16931 asks for."""
    expect(await api.patch("/v1/account", SELLER), 200)
    buyer = await api.customer(name="Buyer BV", billing_address=BUYER_ADDRESS)
    return await api.open_invoice(customer=buyer["id"], currency="EUR", lines=LINES,
                                  collection_method="send_invoice")  # fmt: skip


async def issued_credit_note(api: TenantApi) -> dict[str, Any]:
    invoice = await api.open_invoice()
    body = {"invoice": invoice["id"], "amount": "10.00"}
    note: dict[str, Any] = expect(await api.post("/v1/credit_notes", body), 201)
    return note


async def refused(client: Api, path: str, status: int, code: str) -> None:
    problem(await client.get(path), status, code)


async def hosted_pdf(api: TenantApi, invoice: dict[str, Any]) -> httpx.Response:
    return _a_pdf(await api.http.get(f"/i/{invoice['public_token']}.pdf"))


async def api_pdf(api: TenantApi, invoice: dict[str, Any]) -> httpx.Response:
    return _a_pdf(await api.get(f"/v1/invoices/{invoice['id']}/pdf"))


def _a_pdf(response: httpx.Response) -> httpx.Response:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    return response


async def cii_export(api: TenantApi, invoice: dict[str, Any]) -> bytes:
    response = await api.get(f"/v1/invoices/{invoice['id']}/einvoice", params={"syntax": "cii"})
    assert response.status_code == 200, response.text
    return response.content


def catalog(document: bytes) -> DictionaryObject:
    root = PdfReader(io.BytesIO(document)).trailer["/Root"].get_object()
    assert isinstance(root, DictionaryObject)
    return root


def xmp(document: bytes) -> etree._Element:
    packet = catalog(document)["/Metadata"].get_object().get_data()
    return etree.fromstring(packet)


def xmp_values(document: bytes, path: str) -> list[str]:
    """Properties written as attributes or as elements alike (XMP allows both)."""
    found = xmp(document).xpath(f"//rdf:Description/@{path} | //{path}/text()", namespaces=XMP)
    return [str(value) for value in found]


def assert_pdf_a_3b(document: bytes) -> None:
    """What PDF/A-3b asks of the file that can be read back: its identification in the XMP,
    an sRGB output intent with its ICC profile, and every font embedded."""
    assert document.startswith(b"%PDF-1.7")
    assert xmp_values(document, "pdfaid:part") == ["3"]
    assert xmp_values(document, "pdfaid:conformance") == ["B"]
    (intent,) = catalog(document)["/OutputIntents"]
    assert intent["/S"] == "/GTS_PDFA1" and "sRGB" in intent["/OutputConditionIdentifier"]
    assert intent["/DestOutputProfile"].get_object()["/N"] == 3
    fonts = [font.get_object() for page in PdfReader(io.BytesIO(document)).pages
             for font in page["/Resources"]["/Font"].values()]  # fmt: skip
    assert fonts
    for font in fonts:
        descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0]["/FontDescriptor"]
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.get_object()), font


def attachments(document: bytes) -> dict[str, list[bytes]]:
    return dict(PdfReader(io.BytesIO(document)).attachments)


class TestEmbeddedEInvoice:
    async def test_the_hosted_pdf_carries_the_cii_einvoice_as_factur_x(
        self, api: TenantApi
    ) -> None:
        invoice = await exportable_invoice(api)
        response = await hosted_pdf(api, invoice)
        assert response.headers["x-remit-facturx"] == "embedded"
        document = response.content
        xml = await cii_export(api, invoice)
        assert attachments(document) == {"factur-x.xml": [xml]}
        assert_valid(xml, "cii")
        assert_pdf_a_3b(document)

    async def test_the_attachment_is_declared_as_factur_x_requires(self, api: TenantApi) -> None:
        document = (await hosted_pdf(api, await exportable_invoice(api))).content
        (associated,) = catalog(document)["/AF"]
        filespec = associated.get_object()
        assert (filespec["/F"], filespec["/UF"]) == ("factur-x.xml", "factur-x.xml")
        assert filespec["/AFRelationship"] == "/Data"
        embedded = filespec["/EF"]["/F"].get_object()
        assert embedded["/Subtype"] == "/text/xml" and "/ModDate" in embedded["/Params"]
        assert "/EmbeddedFiles" in catalog(document)["/Names"]

    async def test_the_xmp_declares_factur_x_en_16931_and_describes_its_schema(
        self, api: TenantApi
    ) -> None:
        document = (await hosted_pdf(api, await exportable_invoice(api))).content
        declared = {name: xmp_values(document, f"fx:{name}") for name in facturx.PROPERTIES}
        assert declared == {
            "DocumentType": ["INVOICE"],
            "DocumentFileName": ["factur-x.xml"],
            "Version": ["1.0"],
            "ConformanceLevel": ["EN 16931"],
        }
        (schema,) = xmp(document).xpath(
            "//pdfaSchema:namespaceURI[text()=$uri]/..", namespaces=XMP, uri=facturx.NAMESPACE
        )
        assert schema.findtext("pdfaSchema:prefix", namespaces=XMP) == "fx"
        properties = schema.xpath(".//pdfaProperty:name/text()", namespaces=XMP)
        assert sorted(properties) == sorted(facturx.PROPERTIES)
        assert len(xmp(document).xpath("/x:xmpmeta/rdf:RDF", namespaces={
            **XMP, "x": "adobe:ns:meta/"})) == 1  # fmt: skip

    async def test_a_factur_x_reader_finds_it_valid_against_the_factur_x_schema(
        self, api: TenantApi
    ) -> None:
        invoice = await exportable_invoice(api)
        document = (await hosted_pdf(api, invoice)).content
        # The reader skips an attachment its EN 16931 profile XSD refuses.
        found = facturx_library.get_facturx_xml_from_pdf(document, check_xsd=True)
        assert found == ("factur-x.xml", await cii_export(api, invoice))
        root = etree.fromstring(found[1])
        assert facturx_library.get_flavor(root) == "factur-x"
        assert facturx_library.get_level(root) == "en16931"


class TestApiPdf:
    async def test_the_api_answers_the_hosted_document(self, api: TenantApi) -> None:
        invoice = await exportable_invoice(api)
        response = await api_pdf(api, invoice)
        assert response.headers["x-remit-facturx"] == "embedded"
        number = invoice["number"].strip("#")
        assert response.headers["content-disposition"] == f'inline; filename="invoice-{number}.pdf"'
        # One rendering for both: the same page and e-invoice, hence the same cached file.
        assert response.content == (await hosted_pdf(api, invoice)).content
        assert attachments(response.content) == {"factur-x.xml": [await cii_export(api, invoice)]}

    async def test_a_draft_has_no_pdf(self, api: TenantApi) -> None:
        draft = await api.invoice()
        await refused(api, f"/v1/invoices/{draft['id']}/pdf", 409, "pdf_draft")

    async def test_the_key_needs_invoices_read(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        path = f"/v1/invoices/{invoice['id']}/pdf"
        await refused(await api.with_scopes("customers:read"), path, 403, "insufficient_scope")
        _a_pdf(await (await api.with_scopes("invoices:read")).get(path))
        await refused(Api(api.http), path, 401, "unauthorized")

    async def test_another_accounts_invoice_is_not_found(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        invoice = await api.open_invoice()
        await refused(other_api, f"/v1/invoices/{invoice['id']}/pdf", 404, "resource_missing")
        await refused(api, f"/v1/invoices/inv_{'0' * 26}/pdf", 404, "resource_missing")


class TestWithoutTheEInvoice:
    async def test_an_account_can_turn_factur_x_off(self, api: TenantApi) -> None:
        invoice = await exportable_invoice(api)
        assert (await api_pdf(api, invoice)).headers["x-remit-facturx"] == "embedded"
        body = expect(await api.patch("/v1/account", {"einvoicing": {"embed_facturx": False}}), 200)
        assert body["einvoicing"] == {"embed_facturx": False}
        for response in (await hosted_pdf(api, invoice), await api_pdf(api, invoice)):
            assert response.headers["x-remit-facturx"] == "omitted"
            assert attachments(response.content) == {}
            assert "/AF" not in catalog(response.content)
            assert xmp_values(response.content, "fx:DocumentType") == []
            assert_pdf_a_3b(response.content)
        expect(await api.patch("/v1/account", {"einvoicing": {"embed_facturx": True}}), 200)
        assert (await hosted_pdf(api, invoice)).headers["x-remit-facturx"] == "embedded"

    async def test_an_invoice_that_cannot_be_exported_still_has_its_pdf(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice(lines=LINES)  # a seller without VAT id or address
        problem(await api.get(f"/v1/invoices/{invoice['id']}/einvoice", params={"syntax": "cii"}),
                422, "einvoice_incomplete")  # fmt: skip
        for response in (await hosted_pdf(api, invoice), await api_pdf(api, invoice)):
            assert response.headers["x-remit-facturx"] == "omitted"
            assert attachments(response.content) == {}
            assert_pdf_a_3b(response.content)


class TestCreditNotePdf:
    async def test_the_api_answers_the_hosted_credit_note(self, api: TenantApi) -> None:
        note = await issued_credit_note(api)
        response = _a_pdf(await api.get(f"/v1/credit_notes/{note['id']}/pdf"))
        assert response.headers["x-remit-facturx"] == "omitted"
        assert response.headers["content-disposition"] == (
            f'inline; filename="credit-note-{note["number"]}.pdf"'
        )
        hosted = _a_pdf(await api.http.get(httpx.URL(note["pdf_url"]).path))
        assert response.content == hosted.content
        assert attachments(response.content) == {}
        assert_pdf_a_3b(response.content)

    async def test_an_exportable_credit_note_carries_its_einvoice_type_381(
        self, api: TenantApi
    ) -> None:
        invoice = await exportable_invoice(api)
        body = {"invoice": invoice["id"], "amount": "20.00"}
        note = expect(await api.post("/v1/credit_notes", body), 201)
        exported = await api.get(
            f"/v1/credit_notes/{note['id']}/einvoice", params={"syntax": "cii"}
        )
        assert exported.status_code == 200, exported.text
        assert_valid(exported.content, "cii")
        type_code = etree.fromstring(exported.content).xpath(
            "//*[local-name()='ExchangedDocument']/*[local-name()='TypeCode']/text()")  # fmt: skip
        assert type_code == ["381"]
        from_api = _a_pdf(await api.get(f"/v1/credit_notes/{note['id']}/pdf"))
        hosted = _a_pdf(await api.http.get(httpx.URL(note["pdf_url"]).path))
        for response in (from_api, hosted):
            assert response.headers["x-remit-facturx"] == "embedded"
            assert attachments(response.content) == {"factur-x.xml": [exported.content]}
            assert_pdf_a_3b(response.content)

    async def test_the_key_needs_credit_notes_read(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        note = await issued_credit_note(api)
        path = f"/v1/credit_notes/{note['id']}/pdf"
        await refused(await api.with_scopes("invoices:read"), path, 403, "insufficient_scope")
        _a_pdf(await (await api.with_scopes("credit_notes:read")).get(path))
        await refused(other_api, path, 404, "resource_missing")
