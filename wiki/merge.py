"""Three-way merge of page texts, for concurrent edits.

Two people start from revision B; the first saves C, the second sends Y based
on B. ``merge(base=B, current=C, yours=Y)`` keeps both changes when they touch
different lines; when they touch the same lines the result carries Git-style
markers around both versions, so that nothing anyone typed is lost."""
from dataclasses import dataclass

import merge3

START = "<<<<<<< current"
MIDDLE = "======="
END = ">>>>>>> yours"


@dataclass(frozen=True)
class MergeResult:
    #: The merged text (with conflict markers when ``conflicted``).
    text: str
    conflicted: bool
    #: How many regions conflict.
    conflicts: int = 0


def _lines(text):
    """Lines with their endings; a missing final newline is added so that an
    edit of the last line does not glue it to a conflict marker."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if text and not text.endswith("\n"):
        text += "\n"
    return text.splitlines(keepends=True)


def merge(base, current, yours):
    """Merge ``yours`` and ``current``, both derived from ``base``."""
    base_lines, current_lines, your_lines = _lines(base), _lines(current), _lines(yours)
    if current_lines == your_lines:
        return MergeResult("".join(current_lines), False)
    m3 = merge3.Merge3(base_lines, current_lines, your_lines)
    out = []
    conflicts = 0
    for region in m3.merge_regions():
        kind = region[0]
        if kind == "unchanged":
            out.extend(base_lines[region[1]:region[2]])
        elif kind in ("a", "same"):
            out.extend(current_lines[region[1]:region[2]])
        elif kind == "b":
            out.extend(your_lines[region[1]:region[2]])
        else:  # conflict: (kind, base_start, base_end, a_start, a_end, b_start, b_end)
            conflicts += 1
            out.append(START + "\n")
            out.extend(current_lines[region[3]:region[4]])
            out.append(MIDDLE + "\n")
            out.extend(your_lines[region[5]:region[6]])
            out.append(END + "\n")
    return MergeResult("".join(out), conflicts > 0, conflicts)


def has_markers(text):
    """Does ``text`` still carry unresolved conflict markers?"""
    lines = set((text or "").splitlines())
    return START in lines and END in lines
