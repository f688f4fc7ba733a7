"""Provider ids over remit's: the same id body under the provider's prefix (`invoice_X` ↔
`inv_X`), every other id unchanged, so a client can name native objects too."""

from __future__ import annotations


class Prefixes:
    def __init__(self, provider_to_remit: dict[str, str]) -> None:
        self._to_remit = dict(provider_to_remit)
        self._to_provider = {remit: provider for provider, remit in self._to_remit.items()}

    def to_remit(self, provider_id: str) -> str:
        head, _, body = provider_id.partition("_")
        return f"{self._to_remit[head]}_{body}" if head in self._to_remit and body else provider_id

    def to_provider(self, remit_id: str | None) -> str | None:
        if remit_id is None:
            return None
        head, _, body = remit_id.partition("_")
        return f"{self._to_provider[head]}_{body}" if head in self._to_provider else remit_id
