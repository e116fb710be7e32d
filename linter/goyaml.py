"""Text that kubectl reads and libyaml refuses, rewritten so that libyaml reads it the same way.

kubectl reads YAML with go-yaml v2 and JSON with encoding/json. podlint parses both with the
libyaml of ruamel.yaml.clib (0.1.7), which refuses three things they accept:

- a `:` inside a plain scalar of a flow collection (`args: [--url=http://x:80]`): libyaml
  0.1.7 stops there, go-yaml v2 (and libyaml since 0.2.1) reads one scalar;
- the escape `\\'` in a double-quoted YAML scalar: go-yaml v2 reads an apostrophe;
- a UTF-16 surrogate pair (`\\ud83d\\ude00`) in a JSON string: encoding/json reads one character.

Each is replaced by text of the same length that libyaml accepts and that leaves a private-use
character in the parsed value; the scalar nodes then get their true values back. Every mark,
and so every position podlint reports, stays that of the original text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# Each rewrite made on a parse error costs one more parse of the whole text: past this many
# characters parsed again, the next such construct is reported as the syntax error it is to
# libyaml (about a second of parsing).
MAX_REPARSED_CHARACTERS = 10_000_000
_COLON = "\ue000"  # stands for `:` in a plain scalar
_APOSTROPHE = "\u2029"  # what libyaml reads for `\P`, which stands for `\'`
_HIGH, _LOW = 0xF000, 0xF400  # surrogates D800-DBFF and DC00-DFFF move to F000-F7FF
_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")
_MOVED_PAIR = re.compile("([\uf000-\uf3ff])([\uf400-\uf7ff])")
_JSON_START = re.compile(r"[ \t\r\n]*\{")
# A `:` inside a word (after a character that can end a plain scalar, before a non-blank) never
# indicates a mapping value to go-yaml: it reads the same as any other character there.
_WORD_COLON = re.compile(r"(?<=[^\s\"'\[\]{},]):(?=\S)")
# ...except in a verbatim tag (`!<tag:yaml.org,2002:str>`) or a directive (`%TAG ! tag:x:`).
_TAG_OR_DIRECTIVE = re.compile(r"!<[^>\s]*>|^%.*$", re.MULTILINE)


@dataclass
class Rewrite:
    """The text libyaml parses (`text`) and where it differs from the original (`offsets`)."""

    text: str
    is_json: bool  # kubectl's test: the stream starts with `{`
    offsets: list[int] = field(default_factory=list)
    reparsed: int = 0  # characters parsed again after rewrites

    @classmethod
    def of(cls, original: str) -> Rewrite:
        """A JSON stream gets its surrogate pairs moved at once."""
        rewrite = cls(original, _JSON_START.match(original) is not None)
        if rewrite.is_json and "\\u" in original:
            rewrite.text = _SURROGATE_PAIR.sub(rewrite._move_pair, original)
        return rewrite

    def accept(self, error: MarkedYAMLError) -> bool:
        """Rewrite what `error` stopped at when go-yaml reads it; False when it is a real error."""
        mark = error.problem_mark
        if mark is None or self.reparsed + len(self.text) > MAX_REPARSED_CHARACTERS:
            return False
        at, text = mark.index, self.text
        if error.problem == "found unexpected ':'" and text[at : at + 1] == ":":
            self._rewrite_colons(at)
        elif error.problem == "found unknown escape character" and text[at : at + 2] == "\\'":
            if self.is_json:  # encoding/json refuses it too
                return False
            self._replace([at + 1], "P")
        else:
            return False
        self.reparsed += len(text)
        return True

    def restore(self, node: Node) -> None:
        """Give every rewritten scalar under `node` its true value."""
        pending, seen = [node], set()
        while pending:
            current = pending.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            if isinstance(current, ScalarNode):
                if self._overlaps(current):
                    current.value = _true_value(current.value)
            elif isinstance(current, SequenceNode):
                pending.extend(current.value)
            elif isinstance(current, MappingNode):
                for key, value in current.value:
                    pending.extend((key, value))

    def _move_pair(self, match: re.Match[str]) -> str:
        escapes, high, low = match.group(1), int(match.group(2), 16), int(match.group(3), 16)
        self.offsets.append(match.start() + len(escapes))
        return f"{escapes}\\u{high - 0xD800 + _HIGH:04X}\\u{low - 0xDC00 + _LOW:04X}"

    def _rewrite_colons(self, at: int) -> None:
        """The `:` at `at` and every `:` inside a word after it: all at once, so that a file full
        of `[--url=http://host:80]` is parsed again once, not once per colon."""
        kept = [range(*match.span()) for match in _TAG_OR_DIRECTIVE.finditer(self.text, at + 1)]
        colons = [
            match.start()
            for match in _WORD_COLON.finditer(self.text, at + 1)
            if not any(match.start() in span for span in kept)
        ]
        self._replace([at, *colons], _COLON)

    def _replace(self, positions: list[int], character: str) -> None:
        """Put `character` at each of the sorted `positions`, in one pass over the text."""
        pieces: list[str] = []
        last = 0
        for at in positions:
            pieces += (self.text[last:at], character)
            last = at + 1
        pieces.append(self.text[last:])
        self.text = "".join(pieces)
        self.offsets = sorted(self.offsets + positions)

    def _overlaps(self, node: ScalarNode) -> bool:
        first = bisect.bisect_left(self.offsets, node.start_mark.index)
        return first < len(self.offsets) and self.offsets[first] < node.end_mark.index


def _true_value(value: str) -> str:
    value = value.replace(_COLON, ":").replace(_APOSTROPHE, "'")
    return _MOVED_PAIR.sub(
        lambda pair: chr(0x10000 + ((ord(pair.group(1)) - _HIGH) << 10) + ord(pair.group(2)) - _LOW), value
    )
