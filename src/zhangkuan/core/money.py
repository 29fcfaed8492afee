"""Money arithmetic: one place that knows a currency's minor unit and how to round to it."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# ISO 4217 minor units for the currencies an agency in China meets; anything else has two.
MINOR_UNITS: dict[str, int] = {"CNY": 2, "HKD": 2, "USD": 2, "EUR": 2, "GBP": 2, "JPY": 0, "KRW": 0}

ZERO = Decimal(0)
_QUANTUM_BY_CURRENCY: dict[str, Decimal] = {}


def minor_unit(currency: str) -> int:
    """Number of decimals the currency is kept in (2 for CNY)."""
    return MINOR_UNITS.get(currency.upper(), 2)


def quantum(currency: str) -> Decimal:
    """The currency's smallest amount as a Decimal exponent (``Decimal('0.01')`` for CNY)."""
    cached = _QUANTUM_BY_CURRENCY.get(currency)
    if cached is None:
        cached = Decimal(1).scaleb(-minor_unit(currency))
        _QUANTUM_BY_CURRENCY[currency] = cached
    return cached


def quantize(amount: Decimal, currency: str = "CNY") -> Decimal:
    """Round half-up to the currency's minor unit: the only rounding money ever gets."""
    return amount.quantize(quantum(currency), rounding=ROUND_HALF_UP)


def format_amount(amount: Decimal, currency: str = "CNY", *, grouping: bool = False) -> str:
    """Render with exactly the currency's decimals (``"1234.50"``, or ``"1,234.50"`` grouped)."""
    rounded = quantize(amount, currency)
    if grouping:
        return f"{rounded:,.{minor_unit(currency)}f}"
    return f"{rounded:.{minor_unit(currency)}f}"
