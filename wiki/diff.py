"""Differences between two texts: unified text, structured hunks, and HTML
(inline and side by side) with the changed words highlighted.

HTML is built only with ``markupsafe`` (every piece of user text escaped)."""
import difflib
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def _lines(text):
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").splitlines()


def unified(old, new, old_label="a", new_label="b", context=3):
    """A classic unified diff, as ``diff -u`` or ``git diff`` print it."""
    return "".join(
        line if line.endswith("\n") else line + "\n"
        for line in difflib.unified_diff(_lines(old), _lines(new), old_label, new_label,
                                         n=context, lineterm=""))


def hunks(old, new, context=3):
    """The diff as data: ``[{old_start, old_lines, new_start, new_lines, lines:
    [{op: " "|"-"|"+", text}]}]`` (line numbers start at 1)."""
    a, b = _lines(old), _lines(new)
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        hunk = {"old_start": first[1] + 1, "old_lines": last[2] - first[1],
                "new_start": first[3] + 1, "new_lines": last[4] - first[3], "lines": []}
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                hunk["lines"] += [{"op": " ", "text": line} for line in a[i1:i2]]
                continue
            hunk["lines"] += [{"op": "-", "text": line} for line in a[i1:i2]]
            hunk["lines"] += [{"op": "+", "text": line} for line in b[j1:j2]]
        out.append(hunk)
    return out


def _word_diff(old_line, new_line):
    """Both lines as Markup, the words that changed wrapped in <del>/<ins>."""
    a, b = TOKEN.findall(old_line), TOKEN.findall(new_line)
    left, right = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old_part, new_part = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            left.append(escape(old_part))
            right.append(escape(new_part))
            continue
        if old_part:
            left.append(Markup('<del class="diff-word">{}</del>').format(old_part))
        if new_part:
            right.append(Markup('<ins class="diff-word">{}</ins>').format(new_part))
    return Markup("").join(left), Markup("").join(right)


@dataclass
class Row:
    """One row of a side-by-side diff; ``kind`` is equal, delete, insert, change or skip."""
    kind: str
    old_number: int = None
    old_html: Markup = field(default_factory=Markup)
    new_number: int = None
    new_html: Markup = field(default_factory=Markup)


def _paired(old, new, context):
    """``(kind, old_number, old_text, new_number, new_text)`` for every shown line;
    a replaced block pairs its lines one to one (kind ``change``)."""
    a, b = _lines(old), _lines(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for index, group in enumerate(matcher.get_grouped_opcodes(context)):
        if index or group[0][1] > 0 or group[0][3] > 0:
            yield "skip", group[0][1] + 1, "", group[0][3] + 1, ""
        for tag, i1, i2, j1, j2 in group:
            for k in range(max(i2 - i1, j2 - j1)):
                i, j = i1 + k, j1 + k
                has_old, has_new = i < i2, j < j2
                if tag == "equal":
                    kind = "equal"
                elif has_old and has_new:
                    kind = "change"
                else:
                    kind = "delete" if has_old else "insert"
                yield (kind, i + 1 if has_old else None, a[i] if has_old else "",
                       j + 1 if has_new else None, b[j] if has_new else "")


def side_by_side(old, new, context=3):
    """Rows pairing old and new lines, changed words highlighted, long unchanged
    stretches replaced by a ``skip`` row."""
    rows = []
    for kind, i, old_text, j, new_text in _paired(old, new, context):
        if kind == "change":
            left, right = _word_diff(old_text, new_text)
        else:
            left, right = escape(old_text), escape(new_text)
        rows.append(Row(kind, i, left, j, right))
    return rows


def inline(old, new, context=3):
    """Rows ``(kind, old_number, new_number, html)`` for an inline diff: a changed
    line appears once, its deleted words in <del> and its new words in <ins>."""
    out = []
    for kind, i, old_text, j, new_text in _paired(old, new, context):
        if kind == "change":
            html = _merged_words(TOKEN.findall(old_text), TOKEN.findall(new_text))
        else:
            html = escape(old_text if kind == "delete" else new_text)
        out.append((kind, i, j, html))
    return out


def _merged_words(a, b):
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old_part, new_part = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            parts.append(escape(old_part))
            continue
        if old_part:
            parts.append(Markup('<del class="diff-word">{}</del>').format(old_part))
        if new_part:
            parts.append(Markup('<ins class="diff-word">{}</ins>').format(new_part))
    return Markup("").join(parts)


def stats(old, new):
    """(lines added, lines removed)."""
    added = removed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
            None, _lines(old), _lines(new), autojunk=False).get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return added, removed
