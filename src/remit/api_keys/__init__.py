"""API keys: scoped credentials of an account; the secret is shown once, stored hashed."""
