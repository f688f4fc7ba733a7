"""Currencies remit accepts and their exponents (digits after the decimal point).

ISO 4217 (list one, active codes with a minor unit; funds codes included) plus the crypto
assets named in SPEC §3.2. Codes with no minor unit in ISO 4217 (XAU, XDR, XTS, …) are not
invoice currencies and are refused.
"""

from __future__ import annotations

_ZERO = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_THREE = "BHD IQD JOD KWD LYD OMR TND"
_FOUR = "CLF UYW"
_TWO = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN "
    "BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN "
    "ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES "
    "KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK "
    "MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR "
    "SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD "
    "TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL"
)
_CRYPTO = {"USDC": 6, "USDT": 6, "BTC": 8, "ETH": 18}

EXPONENTS: dict[str, int] = {
    **dict.fromkeys(_ZERO.split(), 0),
    **dict.fromkeys(_TWO.split(), 2),
    **dict.fromkeys(_THREE.split(), 3),
    **dict.fromkeys(_FOUR.split(), 4),
    **_CRYPTO,
}
CRYPTO_CURRENCIES = frozenset(_CRYPTO)


class UnknownCurrency(ValueError):
    """The code is not an ISO 4217 currency with a minor unit nor a supported crypto asset."""


def normalize_currency(code: str) -> str:
    """Upper-case a currency code and check it is known (`usd` → `USD`)."""
    upper = code.strip().upper()
    if upper not in EXPONENTS:
        raise UnknownCurrency(code)
    return upper


def exponent(currency: str) -> int:
    """Digits after the decimal point for amounts in `currency` (USD 2, JPY 0, USDC 6)."""
    return EXPONENTS[currency]
