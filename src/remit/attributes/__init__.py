"""Provider attributes: what a dialect keeps about remit's objects beyond remit's own fields
(a Retempo service's owner and status, a settlement's wallet addresses), apart from the
user's metadata, so that no user data can pose as it."""
