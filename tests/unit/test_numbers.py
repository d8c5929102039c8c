"""What a cashier scans or types (DESIGN.md §8 step 2)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posrev.domain.numbers import NumberError, normalise, parse_number
from posrev.errors import InputError


def test_scanner_prefix_and_trailing_enter_are_dropped():
    assert normalise("\x02 20261126000100020000123456\r\n") == "20261126000100020000123456"


def test_auto_mode_tries_syssn_then_out_trade_no_for_long_digits():
    assert parse_number("20261126000100020000123456").tries == ("syssn", "out_trade_no")
    assert parse_number("123456").tries == ("out_trade_no",)
    assert parse_number("ORDER-42").tries == ("out_trade_no",)


@pytest.mark.parametrize("raw, mode", [
    ("", "auto"), ("   ", "auto"), ("12 34", "out_trade_no"), ("ABC", "syssn"),
    ("1" * 41, "syssn"), ("x" * 129, "auto"), ("订单", "auto"), ("1", "nonsense"),
])
def test_malformed_numbers_get_one_clear_sentence(raw, mode):
    with pytest.raises(InputError) as err:
        parse_number(raw, mode)
    assert str(err.value).endswith(".") and "\n" not in str(err.value)


def test_forced_modes_validate_their_own_rules():
    assert parse_number("123", "syssn").tries == ("syssn",)
    assert parse_number("A-1_b.2", "out_trade_no").text == "A-1_b.2"


@given(st.text(max_size=300))
def test_fuzzed_input_is_either_a_valid_number_or_a_clear_error(raw):
    try:
        number = parse_number(raw)
    except InputError as exc:
        assert str(exc)
        return
    assert number.text and number.text.isascii() and " " not in number.text
    assert len(number.text) <= 128


@pytest.mark.parametrize("raw, mode, code, words", [
    ("ABC DEF", "auto", "order_spaces", "Order numbers can't contain spaces."),
    ("12 34", "out_trade_no", "order_spaces", "Order numbers can't contain spaces."),
    ("ABC", "syssn", "syssn_not_digits", "QFPay numbers are digits only."),
    ("x" * 129, "auto", "order_too_long", "Too long: at most 128 characters."),
    ("订单", "auto", "order_characters", "Order numbers can only have English letters"),
    ("\r\n", "auto", "empty", "Nothing was scanned or typed."),
])
def test_each_refusal_has_a_code_and_a_plain_reason(raw, mode, code, words):
    with pytest.raises(NumberError) as err:
        parse_number(raw, mode)
    assert err.value.code == code
    assert str(err.value).startswith(words)
    assert "ASCII" not in str(err.value) and "syssn" not in str(err.value)
