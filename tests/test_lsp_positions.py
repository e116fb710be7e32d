from __future__ import annotations

import pytest

from podlint.findings import Span
from podlint.lsp_positions import TextPositions


def lsp_range(text: str, span: Span, encoding: str = "utf-16") -> tuple[tuple[int, int], tuple[int, int]]:
    positions = TextPositions("test.yaml", text, encoding)
    start, end = positions.span_offsets(span)
    return positions.position(start), positions.position(end)


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-16", ((0, 7), (0, 8))), ("utf-8", ((0, 9), (0, 10))), ("utf-32", ((0, 6), (0, 7)))],
)
def test_column_after_a_character_outside_the_bmp_counts_code_units(encoding: str, expected: object) -> None:
    # `x` is the 7th character; the emoji before it is 2 UTF-16 units and 4 UTF-8 bytes.
    assert lsp_range('a: "😀"x\n', Span(1, 7, 1, 8), encoding) == expected


def test_span_covering_a_character_outside_the_bmp_ends_after_both_utf16_units() -> None:
    assert lsp_range("k: 😀\n", Span(1, 4, 1, 5)) == ((0, 3), (0, 5))


def test_crlf_is_one_line_break() -> None:
    assert lsp_range("a: 1\r\nb: 2\r\n", Span(2, 4, 2, 5)) == ((1, 3), (1, 4))


def test_lone_cr_is_a_line_break_for_both() -> None:
    assert lsp_range("a: 1\rb: 2\r", Span(2, 4, 2, 5)) == ((1, 3), (1, 4))


def test_yaml_line_separators_are_not_lsp_line_breaks() -> None:
    text = "a: x\u2028b: 1\nc: 2\n"
    assert lsp_range(text, Span(2, 4, 2, 5)) == ((0, 8), (0, 9))
    assert lsp_range(text, Span(3, 4, 3, 5)) == ((1, 3), (1, 4))


def test_byte_order_mark_is_not_checked_but_counts_in_the_editor() -> None:
    positions = TextPositions("test.yaml", "\ufeffa: 1\nb: 2\n")
    assert positions.source.text == "a: 1\nb: 2\n"
    assert lsp_range("\ufeffa: 1\nb: 2\n", Span(1, 4, 1, 5)) == ((0, 4), (0, 5))
    assert lsp_range("\ufeffa: 1\nb: 2\n", Span(2, 4, 2, 5)) == ((1, 3), (1, 4))
    assert positions.offset_at((0, 4)) == 3


def test_spans_outside_the_text_are_clamped() -> None:
    text = "a: 1\nb: 2"
    assert lsp_range(text, Span(1, 4, 1, 99)) == ((0, 3), (0, 4))
    assert lsp_range(text, Span(7, 1, 8, 1)) == ((1, 4), (1, 4))
    assert lsp_range(text, Span(0, 0, 0, 0)) == ((0, 0), (0, 0))


def test_offset_of_an_lsp_position() -> None:
    positions = TextPositions("test.yaml", 'a: "😀"x\r\nb: 2\n')
    assert positions.offset_at((0, 4)) == 4  # before the emoji
    assert positions.offset_at((0, 5)) == 5  # inside the emoji: the end of it
    assert positions.offset_at((0, 6)) == 5
    assert positions.offset_at((0, 99)) == 7  # past the end: before the CRLF
    assert positions.offset_at((1, 3)) == 12
    assert positions.offset_at((9, 0)) == 14


def test_offset_round_trips_through_lsp_positions() -> None:
    text = 'a: "😀"x\r\nb: é\u2028c: 2\rd\n'
    positions = TextPositions("test.yaml", text)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] != "\r\n":
            assert positions.offset_at(positions.position(offset)) == offset
