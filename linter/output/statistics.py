"""`--statistics`: how many findings each rule produced, the most frequent first."""

from __future__ import annotations

from collections import Counter

from podlint.run import RunResult


def render_statistics(result: RunResult) -> str:
    counts = Counter((finding.rule, finding.severity.value) for finding in result.findings)
    if not counts:
        return ""
    width = max(4, len(str(max(counts.values()))))
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"{count:>{width}}  {severity:<7}  {rule}\n" for (rule, severity), count in rows)
