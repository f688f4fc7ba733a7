"""Money, numbers and dates as the customer reads them, in the invoice's locale (babel).

Amounts are shown with exactly the currency's ISO places (`¥1,000`, `1.234,50 €`,
`49.000000 USDC`), from the `Decimal` — never through a float, never re-rounded.
"""

from __future__ import annotations

from datetime import date as datetime_date
from datetime import datetime
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from remit.kernel.currencies import CRYPTO_CURRENCIES, exponent
from remit.kernel.i18n import language_of
from remit.kernel.money import decimal_exponent


def locale_of(tag: str | None) -> Locale:
    """The babel locale for a BCP 47 tag (`de-DE`, `fr`): the one the document's texts are
    written in (kernel.i18n), so a page speaks one language; English when unknown."""
    return language_of(tag).locale


def _digits(places: int) -> str:
    return "0" if places == 0 else "0." + "0" * places


def money(amount: Decimal, currency: str, locale: Locale, places: int | None = None) -> str:
    """`places` (default: the currency's) lets a unit price show all of its digits."""
    places = exponent(currency) if places is None else places
    if currency in CRYPTO_CURRENCIES:  # no CLDR symbol: the code after the number
        number = format_decimal(amount, format=f"#,##{_digits(places)}", locale=locale)
        return f"{number}\u00a0{currency}"
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    pattern = pattern.replace("0.00", _digits(places)) if "0.00" in pattern else pattern
    return format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)


def number(value: Decimal, locale: Locale) -> str:
    """A quantity or unit price as given: all its places, no more."""
    places = max(0, -decimal_exponent(value.normalize()))
    return format_decimal(value, format=f"#,##{_digits(places)}", locale=locale)


def unit_price(value: Decimal, currency: str, locale: Locale) -> str:
    """A unit price may carry more places than the currency: shown with all of them."""
    places = max(exponent(currency), -decimal_exponent(value.normalize()))
    return money(value, currency, locale, places)


def percent(rate: Decimal, locale: Locale) -> str:
    return f"{number(rate, locale)}\u00a0%"


def date(moment: datetime | None, locale: Locale) -> str | None:
    return None if moment is None else format_date(moment, format="medium", locale=locale)


def day(value: datetime_date | None, locale: Locale) -> str | None:
    """A calendar day (no time, no zone), in the locale's medium form."""
    return None if value is None else format_date(value, format="medium", locale=locale)
