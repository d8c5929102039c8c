"""Property tests (hypothesis) over what a person types: the lookup number, the identifier
rule, free text, the output escaping, profile names and gateway URLs. Each either gives a
clean value or one typed error, never a crash; no control character passes; bounds hold."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posrev.domain.identifiers import (
    IDENTIFIER_MAX,
    PROFILE_MAX,
    TEXT_MAX,
    check_identifier,
    check_profile,
    clean_text,
    csv_cell,
    escape_controls,
)
from posrev.domain.numbers import OUT_TRADE_NO_MAX, parse_number
from posrev.errors import ConfigError, InputError, PosrevError
from posrev.gateway.environments import check_base_url

# Every kind of character, with the troublesome ones made likely.
NASTY = st.sampled_from(["\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\x9b", "\u202e", "\u200b",
                         "\u2028", "\ufeff", "\udc80", " ", "=", "+", "-", "@", "/", "."])
TEXT = st.text(st.one_of(st.characters(), NASTY), max_size=80) | st.text(max_size=5000)


def _no_control(text: str) -> bool:
    return text.isprintable()


@settings(max_examples=400, deadline=None)
@given(raw=TEXT, mode=st.sampled_from(["auto", "syssn", "out_trade_no"]))
def test_lookup_input_is_a_clean_number_or_one_input_error(raw: str, mode: str) -> None:
    try:
        number = parse_number(raw, mode)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert _no_control(number.text) and number.text == number.text.strip()
    assert 0 < len(number.text) <= OUT_TRADE_NO_MAX and number.text.isascii()


@settings(max_examples=600, deadline=None)
@given(raw=TEXT)
def test_the_identifier_rule_lets_no_control_character_through(raw: str) -> None:
    try:
        value = check_identifier(raw, "cashier ID")
    except InputError as exc:
        assert "cashier ID" in str(exc) and str(exc).isprintable()
        return
    assert _no_control(value) and 0 < len(value) <= IDENTIFIER_MAX
    assert value == value.strip() and value in raw


@settings(max_examples=400, deadline=None)
@given(raw=TEXT, limit=st.integers(1, TEXT_MAX))
def test_free_text_is_cleaned_to_one_bounded_line(raw: str, limit: int) -> None:
    cleaned = clean_text(raw, limit)
    assert _no_control(cleaned) and len(cleaned) <= limit
    assert "  " not in cleaned and cleaned == cleaned.strip()


@settings(max_examples=400, deadline=None)
@given(raw=TEXT)
def test_profile_names_are_safe_file_name_words(raw: str) -> None:
    try:
        name = check_profile(raw)
    except InputError:
        return
    assert 0 < len(name) <= PROFILE_MAX and name.isascii() and name.isprintable()
    assert "/" not in name and "\\" not in name and ".." not in name and name[0] != "-"


@settings(max_examples=400, deadline=None)
@given(value=st.recursive(st.none() | st.booleans() | st.integers() | TEXT,
                          lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(TEXT, inner, max_size=4), max_leaves=12))
def test_escaped_json_is_one_safe_line_that_reads_back_exactly(value: object) -> None:
    line = escape_controls(json.dumps(value, ensure_ascii=False))
    assert _no_control(line)
    assert json.loads(line) == value


@settings(max_examples=400, deadline=None)
@given(raw=TEXT)
def test_terminal_text_keeps_only_the_newlines_posrev_writes(raw: str) -> None:
    assert _no_control(escape_controls(raw, keep_newlines=False))
    assert all(_no_control(line) for line in escape_controls(raw).split("\n"))


@settings(max_examples=400, deadline=None)
@given(cells=st.lists(TEXT | st.integers(), min_size=1, max_size=6))
def test_csv_cells_never_start_a_formula_nor_break_a_row(cells: list) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([csv_cell(c) for c in cells])
    text = buffer.getvalue()
    assert text.count("\n") == 1 and "\r\n" in text  # one row, the writer's own line end
    (row,) = list(csv.reader(io.StringIO(text)))
    for cell, original in zip(row, cells, strict=True):
        assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r", "\n") or isinstance(original, int)
        assert _no_control(cell)


@settings(max_examples=400, deadline=None)
@given(url=st.one_of(TEXT, st.builds(
    lambda scheme, host, port, tail: f"{scheme}://{host}{port}{tail}",
    st.sampled_from(["http", "https", "ftp", "HTTPS", ""]),
    st.sampled_from(["127.0.0.1", "localhost", "gw.example.com", "[::1]", "a b", "", "h_x",
                     "gw.example.com\n", "u:p@gw.example.com"]),
    st.one_of(st.just(""), st.integers(-5, 100_000).map(lambda p: f":{p}"),
              st.text(max_size=6).map(lambda t: f":{t}")),
    st.one_of(st.just(""), st.just("/"), TEXT))))
def test_a_gateway_url_is_checked_or_refused_in_one_sentence(url: str) -> None:
    try:
        checked = check_base_url(url)
    except ConfigError as exc:
        assert str(exc).isprintable()
        return
    parts = urlsplit(checked)
    assert parts.scheme in ("http", "https") and parts.hostname
    assert parts.port is None or 1 <= parts.port <= 65535
    assert not any(ch.isspace() or not ch.isprintable() for ch in checked)


@pytest.mark.parametrize("mode", ["auto", "syssn", "out_trade_no"])
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=TEXT)
def test_app_lookup_of_anything_is_an_answer_or_a_typed_error(app, raw: str,
                                                              mode: str) -> None:
    try:
        found = app.lookup(raw, mode)
    except PosrevError as exc:
        assert str(exc)
        return
    assert found.verdict.code == "not_found"
