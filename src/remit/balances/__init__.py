"""Customer balances: a ledger per customer and currency whose sum is the balance (Stripe's
sign: negative is credit in the customer's favour, positive is owed and added to the next
invoice). Applied to invoices at finalization, fed by overpayments, adjustments and credit
notes."""
