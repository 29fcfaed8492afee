"""统一社会信用代码 (unified social credit code) check, GB 32100-2015.

The code has 18 characters:

- 1: registration authority (1 机构编制, 5 民政, 9 工商, Y 其他 …),
- 2: kind of organisation within it (1 企业, 2 个体工商户 …),
- 3–8: administrative division code (行政区划码), digits only,
- 9–17: organisation code (组织机构代码, GB 11714),
- 18: check character.

Every character is drawn from the 31 symbols ``0-9`` and the capitals without ``I O S V Z``
(which look like 1, 0, 5, U and 2); each stands for its position in that alphabet (A = 10,
Y = 30). Position *i* (1–17) carries the weight 3^(i−1) mod 31 (1, 3, 9, 27, 19, 26, …).
The check character is the symbol for ``31 − (Σ value × weight mod 31)``, where 31 becomes 0.
Most typos (a wrong character, two neighbours swapped) change the sum and fail the check.

Only what the standard fixes for every code is checked: the alphabet, the length, the digits
of the division code and the check character. The first two characters' meanings change
with new registration kinds, so they are not second-guessed.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = tuple(pow(3, index, 31) for index in range(17))
_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
LENGTH = 18


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (already upper-case and within the alphabet)."""
    total = sum(_VALUE[symbol] * weight for symbol, weight in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def tax_id_problem(code: str, lang: str = "en") -> str | None:
    """Why ``code`` is not a valid 统一社会信用代码 (in ``lang``: ``en`` or ``zh``), or None when it is.

    Lower-case letters and surrounding spaces are accepted (people type them); the check is
    on the upper-case form.
    """
    zh = lang == "zh"
    text = code.strip().upper()
    if len(text) != LENGTH:
        return f"有 {len(text)} 位，统一社会信用代码应为 {LENGTH} 位" if zh else f"has {len(text)} characters; a 统一社会信用代码 has {LENGTH}"
    wrong = sorted({symbol for symbol in text if symbol not in _VALUE})
    if wrong:
        if zh:
            return f"含有 {'、'.join(repr(symbol) for symbol in wrong)}；只能是数字和除 I、O、S、V、Z 以外的大写字母"
        return f"contains {', '.join(repr(symbol) for symbol in wrong)}; only digits and capitals except I, O, S, V, Z occur"
    if not text[2:8].isdigit():
        return f"第 3–8 位（{text[2:8]}）应为行政区划码，只能是数字" if zh else f"characters 3–8 ({text[2:8]}) must be the digits of an administrative division code"
    expected = check_character(text[:17])
    if text[17] != expected:
        if zh:
            return f"校验位是 {text[17]}，但按前 17 位计算应为 {expected}（某处有笔误）"
        return f"check character is {text[17]} but the first 17 characters give {expected} (a typo somewhere)"
    return None


def is_valid_tax_id(code: str) -> bool:
    """Whether ``code`` passes the GB 32100-2015 check."""
    return tax_id_problem(code) is None
