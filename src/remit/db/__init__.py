"""The store: engine, column types, transactions, the tenant repository and migrating."""
