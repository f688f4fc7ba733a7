"""The catalog: products and their plans (a plan is a price of a product)."""
