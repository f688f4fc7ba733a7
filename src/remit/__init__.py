"""remit: a self-hosted invoicing engine."""

__version__ = "0.1.0"
