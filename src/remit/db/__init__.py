"""The store: engine, column types, transactions and migrations."""
