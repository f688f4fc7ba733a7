"""Credit notes: corrections of issued invoices with their own gapless numbers (Stripe's
model). A note lowers what is left to pay on its invoice, and what it credits beyond that is
refunded, credited to the customer's balance, or recorded as settled outside remit."""
