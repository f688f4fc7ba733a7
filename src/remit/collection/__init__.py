"""Collecting what invoices are owed (SPEC §6): recording settlements, charging payment methods
through their processors in one flow, dunning, and the routes that do it."""
