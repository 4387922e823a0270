"""Receipt tokens and fallback codes: entropy, alphabet, derivation, typo tolerance."""
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stopform.core.crockford import CROCKFORD
from stopform.receipts.codes import (
    CODE_LENGTH,
    TOKEN_LENGTH,
    canonical_credential,
    code_for_token,
    display_code,
    luhn_symbol,
    new_token,
    normalise_code,
    normalise_token,
    secret_hash,
)

TOKEN_PATTERN = re.compile(rf"^[{CROCKFORD}]{{{TOKEN_LENGTH}}}$")
CODE_PATTERN = re.compile(rf"^[{CROCKFORD}]{{4}}-[{CROCKFORD}]{{4}}-[{CROCKFORD}]{{4}}-[{CROCKFORD}]{{4}}$")
tokens = st.builds(new_token)


def test_tokens_carry_128_random_bits_in_26_upper_case_symbols():
    minted = {new_token() for _ in range(2000)}
    assert len(minted) == 2000
    assert all(TOKEN_PATTERN.match(token) for token in minted)
    # 26 symbols hold 130 bits; the top two are zero, every other bit varies.
    assert {token[0] for token in minted} <= set("01234567")
    assert len({token[0] for token in minted}) == 8
    assert {token[-1] for token in minted} == set(CROCKFORD)


def test_fallback_code_is_grouped_derived_and_has_at_least_64_bits():
    token = new_token()
    code = code_for_token(token)
    assert CODE_PATTERN.match(code)
    assert code == code_for_token(token)
    assert code != code_for_token(new_token())
    assert (CODE_LENGTH - 1) * 5 >= 64


def test_code_does_not_contain_the_token():
    token = new_token()
    assert code_for_token(token).replace("-", "") not in token


@given(tokens)
def test_codes_survive_case_hyphens_spaces_and_ILO_confusion(token):
    code = code_for_token(token)
    bare = code.replace("-", "")
    messy = " ".join(code.lower().replace("1", "l").replace("0", "o").split("-"))
    assert normalise_code(messy) == bare
    assert normalise_code(code.replace("1", "I")) == bare


@given(tokens, st.integers(min_value=0, max_value=CODE_LENGTH - 1), st.sampled_from(CROCKFORD))
def test_check_symbol_catches_any_single_typo(token, position, replacement):
    bare = code_for_token(token).replace("-", "")
    typo = bare[:position] + replacement + bare[position + 1:]
    assert (normalise_code(typo) == "") == (typo != bare)


@given(tokens, st.integers(min_value=0, max_value=CODE_LENGTH - 2))
def test_check_symbol_catches_swapped_neighbours(token, position):
    bare = code_for_token(token).replace("-", "")
    swapped = bare[:position] + bare[position + 1] + bare[position] + bare[position + 2:]
    if swapped != bare and {bare[position], bare[position + 1]} != {"0", "Z"}:
        # Luhn mod N misses only the swap of 0 with N-1 (here "Z"), as 09/90 in base 10.
        assert normalise_code(swapped) == ""


def test_luhn_symbol_makes_a_valid_code():
    body = "7KQ4M2XD9PABCDE"
    assert normalise_code(body + luhn_symbol(body)) == body + luhn_symbol(body)


@pytest.mark.parametrize("text", ["", "short", "7KQ4-M2XD-9PAB-CDEU", "!" * 26, "A" * 25, "A" * 27])
def test_malformed_credentials_normalise_to_nothing(text):
    assert normalise_token(text) == ""
    assert canonical_credential(text) in ("", normalise_code(text))


def test_tokens_are_case_and_ILO_tolerant():
    token = new_token()
    assert normalise_token(token.lower()) == token
    assert canonical_credential(token.lower()) == token
    assert display_code(token) == code_for_token(token)
    bare = code_for_token(token).replace("-", "")
    assert display_code(bare) == code_for_token(token)


def test_secret_hash_is_sha256_hex():
    assert re.fullmatch(r"[0-9a-f]{64}", secret_hash(new_token()))
