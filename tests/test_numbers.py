"""What a cashier scans or types (SPEC §2 step 2)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posrev.domain.numbers import ScanFilter, normalise, parse_number
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


def test_scan_filter_ignores_empty_and_a_repeat_within_a_second():
    now = [0.0]
    scans = ScanFilter(lambda: now[0])
    assert not scans.accept("  \r\n")
    assert scans.accept("ORDER-1\r")
    now[0] += 0.5
    assert not scans.accept("ORDER-1")
    assert scans.accept("ORDER-2")
    now[0] += 1.5
    assert scans.accept("ORDER-2")
