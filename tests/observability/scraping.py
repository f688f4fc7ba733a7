"""Reading `/metrics` as Prometheus does: the text format, parsed by prometheus-client."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample


def samples(text: str) -> list[Sample]:
    return [sample for family in text_string_to_metric_families(text) for sample in family.samples]


def value(text: str, name: str, **labels: str) -> float:
    """The sample `name` with exactly these labels (0 when the series does not exist yet)."""
    found = [s.value for s in samples(text) if s.name == name and s.labels == labels]
    assert len(found) <= 1, found
    return found[0] if found else 0.0
