"""Usage of a subscription: records of what a customer used, each billed as an invoice item
at the subscription's plan price, each recorded once (its identifier is unique)."""
