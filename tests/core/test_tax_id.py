"""统一社会信用代码 check character (GB 32100-2015)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhangkuan.core.tax_id import ALPHABET, WEIGHTS, check_character, is_valid_tax_id, tax_id_problem


def test_weights_are_powers_of_three_mod_31():
    assert WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_worked_example_of_the_standard():
    """91350100M000100Y4 → values 9,1,3,5,0,1,0,0,21,0,0,0,1,0,0,30,4;
    Σ value × weight = 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640;
    1640 mod 31 = 28; 31 − 28 = 3 → the check character is '3'."""
    assert check_character("91350100M000100Y4") == "3"
    assert is_valid_tax_id("91350100M000100Y43")


@pytest.mark.parametrize("code", ["91440300708461136T", "91110108551385082Q", "9144030071526726XG", "91310000717854505W"])
def test_published_codes_of_real_companies_pass(code):
    """Codes printed on listed companies' business licences: an independent check of the algorithm."""
    assert tax_id_problem(code) is None


def test_check_character_zero_when_the_sum_is_a_multiple_of_31():
    """'0' * 17 sums to 0 → 31 − 0 = 31 → written as 0."""
    assert check_character("0" * 17) == "0"
    assert is_valid_tax_id("0" * 18)


def test_lower_case_and_spaces_are_accepted():
    assert is_valid_tax_id(" 91350100m000100y43 ")


@pytest.mark.parametrize(
    "code, words",
    [
        ("91350100M000100Y44", "check character is 4 but the first 17 characters give 3"),
        ("91350100M000100Y4", "has 17 characters"),
        ("91350100M000100Y433", "has 19 characters"),
        ("91350100M0001O0Y43", "'O'"),  # the letter O instead of zero
        ("9135A100M000100Y43", "administrative division"),
        ("19350100M000100Y43", "check character"),  # neighbours swapped
    ],
)
def test_broken_codes_say_what_is_wrong(code, words):
    problem = tax_id_problem(code)
    assert problem is not None and words in problem


body = st.text(alphabet=ALPHABET, min_size=2, max_size=2).flatmap(
    lambda head: st.text(alphabet="0123456789", min_size=6, max_size=6).flatmap(
        lambda division: st.text(alphabet=ALPHABET, min_size=9, max_size=9).map(lambda rest: head + division + rest)
    )
)


@given(body, st.integers(0, 16), st.sampled_from(ALPHABET))
def test_any_single_character_typo_is_caught(first17, position, replacement):
    """31 is prime and every weight is non-zero mod 31, so changing one character always
    changes the sum mod 31: a single wrong character can never pass."""
    code = first17 + check_character(first17)
    assert is_valid_tax_id(code)
    if replacement != code[position]:
        assert not is_valid_tax_id(code[:position] + replacement + code[position + 1 :])
