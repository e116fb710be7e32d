"""The loader keeps true positions in multi-document files and never lets bad input escape."""

from __future__ import annotations

import weakref

import pytest

from podlint.document import Document
from podlint.findings import Span
from podlint.loader import MAX_DEPTH, DocumentStream, _has_line_of, load
from podlint.source import Source


def spans(text: str) -> list[tuple[str, int, int]]:
    return [(v.rule, v.span.line, v.span.column) for v in load(text).violations if v.span]


def test_positions_are_true_to_the_file_in_later_documents() -> None:
    text = "a: 1\n---\n# comment\nb:\n  c: [1, 2]\n---\n---\nd: x\n"
    result = load(text)
    assert [d.data for d in result.documents] == [{"a": 1}, {"b": {"c": [1, 2]}}, None, {"d": "x"}]
    lines = Source("f", text).lines
    assert result.documents[1].locate(("b", "c", 1), "value", lines) == Span(5, 10, 5, 11)
    assert result.documents[1].locate(("b", "c"), "key", lines) == Span(5, 3, 5, 4)
    assert result.documents[3].locate(("d",), "value", lines) == Span(8, 4, 8, 5)


def test_duplicate_key_reported_at_the_second_key_and_last_value_wins() -> None:
    text = "x: 1\nw:\n  z: 1\n  z: 2\n"
    assert load(text).documents[0].data == {"x": 1, "w": {"z": 2}}
    assert spans(text) == [("duplicate-key", 4, 3)]


def test_syntax_error_keeps_earlier_documents() -> None:
    result = load("a: 1\n---\nb: [1\n")
    assert [d.data for d in result.documents] == [{"a": 1}]
    assert spans("a: 1\n---\nb: [1\n") == [("yaml-syntax", 3, 4)]


EIGHT_LINES = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n"


@pytest.mark.parametrize(
    ("last_line", "expected"),
    [
        # what is left open at the end of the file: where it was opened, on the last line or before
        ("      args: [--port, 80\n", ("yaml-syntax", 8, 13)),
        ('      image: "nginx\n', ("yaml-syntax", 8, 14)),
        ("      args: [--port, 80", ("yaml-syntax", 8, 13)),
        ('      image: "nginx\n\n# end\n', ("yaml-syntax", 8, 14)),
        # libyaml gives no open construct: the end of the last line
        ("      args: [--port,\n        80,\n", ("yaml-syntax", 9, 12)),
    ],
)
def test_an_error_at_the_end_of_the_file_is_on_a_line_of_the_file(
    last_line: str, expected: tuple[str, int, int]
) -> None:
    text = EIGHT_LINES + last_line
    assert spans(text) == [expected]
    assert expected[1] <= len(text.rstrip("\n").split("\n"))


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [("a:\n\t- b\n", 2, 1), ("a:\n  \tb: 1\n", 2, 3), ("a:\n  b: 1\n\tc: 2\n", 3, 1), ("a: |\n\tx\n", 2, 1)],
)
def test_tab_indentation_is_a_syntax_error_at_the_tab_that_says_so(text: str, line: int, column: int) -> None:
    [violation] = load(text).violations
    assert (violation.rule, violation.span.line, violation.span.column) == ("yaml-syntax", line, column)
    assert violation.message == "YAML syntax error: a tab indents this line; YAML indentation must use spaces"


def test_a_tab_after_an_indicator_keeps_libyaml_s_message() -> None:
    [violation] = load("a:\n  - b\n  -\tc\n").violations
    assert (violation.span.line, violation.span.column) == (3, 4)
    assert violation.message == (
        "YAML syntax error: while scanning for the next token found character that cannot start any token"
    )


def test_crlf_and_bom_free_text_positions() -> None:
    text = "a: 1\r\nb:\r\n  - 2\r\n"
    result = load(text)
    assert result.documents[0].data == {"a": 1, "b": [2]}
    assert result.documents[0].locate(("b", 0), "value", Source("f", text).lines) == Span(3, 5, 3, 6)


def test_anchors_aliases_and_merge_keys() -> None:
    text = "base: &base {image: nginx, name: a}\nc1: *base\nc2:\n  <<: *base\n  name: b\n"
    data = load(text).documents[0].data
    assert data["c1"] == {"image": "nginx", "name": "a"}
    assert data["c2"] == {"image": "nginx", "name": "b"}
    lines = Source("f", text).lines
    document = load(text).documents[0]
    # a value reached through an alias is found at the `*name` of that use
    assert document.locate(("c2", "image"), "value", lines) == Span(4, 7, 4, 12)
    assert document.locate(("c1", "name"), "value", lines) == Span(2, 5, 2, 10)
    # and written values where they are written
    assert document.locate(("base", "image"), "value", lines) == Span(1, 21, 1, 26)
    assert document.locate(("c2", "name"), "value", lines) == Span(5, 9, 5, 10)


def test_merge_keys_apply_in_the_order_written_as_in_go_yaml() -> None:
    text = (
        "a: &a {name: a, port: 1}\n"
        "b: &b {name: b, image: b}\n"
        "before: {name: mine, <<: *a}\n"  # a merge overrides the keys written before it
        "after: {<<: *a, name: mine}\n"  # and the keys written after it override the merge
        "twice: {<<: *a, <<: *b}\n"  # the last merge wins
        "sources: {<<: [*a, *b]}\n"  # of a list of sources, the first wins
        "again: {name: first, <<: *a, name: last}\n"
    )
    result = load(text)
    data = result.documents[0].data
    assert data["before"] == {"name": "a", "port": 1}
    assert data["after"] == {"name": "mine", "port": 1}
    assert data["twice"] == {"name": "b", "port": 1, "image": "b"}
    assert data["sources"] == {"name": "a", "port": 1, "image": "b"}
    assert data["again"]["name"] == "last"
    # `name` written twice in `again` is a duplicate; a key that overrides a merged one is not
    assert [(v.rule, v.span.line, v.span.column) for v in result.documents[0].violations if v.span] == [
        ("duplicate-key", 7, 30)
    ]
    document, lines = result.documents[0], Source("f", text).lines
    # a merged value is located at the `*name` of the merge it came through
    assert document.locate(("before", "name"), "value", lines) == Span(3, 26, 3, 28)
    assert document.locate(("twice", "name"), "value", lines) == Span(5, 21, 5, 23)
    assert document.locate(("twice", "port"), "value", lines) == Span(5, 13, 5, 15)


def test_uses_count_every_path_that_reaches_a_node_through_aliases_and_merge_keys() -> None:
    document = load("base: &b {p: 1, q: 2}\nc: {<<: *b, q: 3}\nd: *b\n").documents[0]

    def uses(*path: str | int) -> int:
        node = document.node_at(path, "value")
        assert node is not None
        return document.uses[id(node)]

    # `p` of base is also c.p and d.p; `q` of base is also d.q, but c has its own
    assert (uses("base", "p"), uses("base", "q"), uses("c", "q"), uses("d")) == (3, 2, 1, 2)


def test_alias_bomb_is_refused_quickly() -> None:
    levels = ["a: &a [x,x,x,x,x,x,x,x,x,x]"]
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        levels.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 10) + "]")
    result = load("\n".join(levels) + "\n")
    # reported at the anchor whose aliases cross the limit (`f`, a million values)
    assert [(v.rule, v.span.line) for v in result.violations if v.span] == [("yaml-syntax", 6)]
    assert "YAML bomb" in result.violations[0].message


def test_deep_nesting_is_refused_without_crashing() -> None:
    for depth in (5_000, 100_000):
        result = load("a: " + "[" * depth + "]" * depth + "\n")
        assert [(v.rule, v.span.line, v.span.column) for v in result.violations if v.span] == [
            ("yaml-syntax", 1, MAX_DEPTH + 3)
        ]


def test_block_nesting_is_refused_too() -> None:
    text = "".join(" " * i + "k:\n" for i in range(1500)) + " " * 1500 + "v\n"
    assert [v.rule for v in load(text).violations] == ["yaml-syntax"]


def test_non_scalar_key_is_a_syntax_finding() -> None:
    assert spans("? [a, b]\n: 1\n") == [("yaml-syntax", 1, 3)]


def test_a_rewrite_in_a_later_document_parses_again_and_gives_each_document_once() -> None:
    # libyaml refuses the `:` in the flow sequence and the `\\'` escape; both are read again
    text = 'a: 1\n---\nb: [--url=http://x:80]\n---\nc: "it\\\'s"\n'
    stream = DocumentStream(text)
    assert [(document.index, document.data) for document in stream] == [
        (0, {"a": 1}),
        (1, {"b": ["--url=http://x:80"]}),
        (2, {"c": "it's"}),
    ]
    assert stream.error is None


def test_the_stream_lets_each_document_go_before_it_reads_the_next() -> None:
    given: list[weakref.ref[Document]] = []
    for document in DocumentStream("---\n".join(["a: {b: [1, 2]}\n"] * 50)):
        given.append(weakref.ref(document))
        assert [ref() is not None for ref in given].count(True) == 1
    assert len(given) == 50


def test_a_syntax_error_ends_the_stream_with_the_documents_before_it() -> None:
    stream = DocumentStream("a: 1\n---\nb: [1\n")
    assert [document.data for document in stream] == [{"a": 1}]
    assert stream.error is not None and stream.error.span == Span(3, 4, 3, 5)


@pytest.mark.parametrize(
    ("text", "length", "found"),
    [
        ("abc\nde\n", 3, True),
        ("abc\nde\n", 4, False),
        ("ab\n\nabcd", 4, True),  # the last line, without a line break
        ("ab\n\nabcd", 5, False),
        ("\n" * 10 + "x" * 7 + "\n" * 10, 7, True),
        ("\n" * 10 + "x" * 7 + "\n" * 10, 8, False),
        ("", 1, False),
    ],
)
def test_the_longest_line_is_found_without_splitting_the_text(text: str, length: int, found: bool) -> None:
    assert _has_line_of(text, length) is found


def test_a_sequence_item_reached_through_an_alias_is_found_at_its_anchor() -> None:
    text = "first: [&c {name: a}, {name: b}]\nsecond:\n  - {name: z}\n  - *c\n"
    document = load(text).documents[0]
    lines = Source("f", text).lines
    # a `- *c` item is not tied to a key podlint can start from: the anchored item's own place
    assert document.locate(("second", 1, "name"), "value", lines) == Span(1, 19, 1, 20)
    # the items written in place are found where they are
    assert document.locate(("second", 0, "name"), "value", lines) == Span(3, 12, 3, 13)
    assert document.locate(("first", 1, "name"), "value", lines) == Span(1, 30, 1, 31)
