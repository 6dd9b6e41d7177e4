"""Three-way merges and diffs of page texts."""
from markupsafe import Markup

from wiki import diff, merge

BASE = "Title\n\nFirst paragraph.\n\nMiddle paragraph.\n\nLast paragraph.\n"


def test_changes_to_different_lines_merge_cleanly():
    current = BASE.replace("First paragraph.", "First paragraph, improved.")
    yours = BASE.replace("Last paragraph.", "Last paragraph, extended.")
    result = merge.merge(BASE, current, yours)
    assert not result.conflicted
    assert "First paragraph, improved." in result.text
    assert "Last paragraph, extended." in result.text
    assert not merge.has_markers(result.text)


def test_changes_to_the_same_line_conflict_and_keep_both_versions():
    current = BASE.replace("Middle paragraph.", "Middle, as they wrote it.")
    yours = BASE.replace("Middle paragraph.", "Middle, as I wrote it.")
    result = merge.merge(BASE, current, yours)
    assert result.conflicted and result.conflicts == 1
    lines = result.text.splitlines()
    start, middle, end = lines.index(merge.START), lines.index(merge.MIDDLE), lines.index(merge.END)
    assert start < lines.index("Middle, as they wrote it.") < middle
    assert middle < lines.index("Middle, as I wrote it.") < end
    assert merge.has_markers(result.text)


def test_identical_edits_are_not_a_conflict():
    edit = BASE.replace("Middle", "Centre")
    result = merge.merge(BASE, edit, edit)
    assert not result.conflicted and result.text == edit


def test_empty_base_with_two_different_texts_conflicts():
    result = merge.merge("", "Theirs\n", "Mine\n")
    assert result.conflicted
    assert "Theirs" in result.text and "Mine" in result.text


def test_missing_final_newline_does_not_glue_lines_to_markers():
    result = merge.merge("a\nb\nc", "a\nB\nc", "a\nX\nc")
    assert result.conflicted
    assert "B\n" + merge.MIDDLE in result.text
    assert "X\n" + merge.END in result.text


def test_unified_diff_and_hunks_describe_the_change():
    old, new = "one\ntwo\nthree\n", "one\n2\nthree\nfour\n"
    text = diff.unified(old, new, "a", "b")
    assert text.startswith("--- a\n+++ b\n@@ -1,3 +1,4 @@")
    assert "-two\n+2\n" in text and "+four\n" in text
    [hunk] = diff.hunks(old, new)
    assert (hunk["old_start"], hunk["old_lines"]) == (1, 3)
    assert (hunk["new_start"], hunk["new_lines"]) == (1, 4)
    assert [line["op"] for line in hunk["lines"]] == [" ", "-", "+", " ", "+"]
    assert diff.stats(old, new) == (2, 1)


def test_identical_texts_have_no_hunks():
    assert diff.hunks("same\n", "same\n") == []
    assert diff.unified("same\n", "same\n") == ""


def test_inline_diff_highlights_changed_words_and_escapes_text():
    rows = diff.inline("Hello <b>world</b> today\n", "Hello <i>planet</i> today\n")
    [(kind, old_no, new_no, html)] = rows
    assert kind == "change" and (old_no, new_no) == (1, 1)
    assert isinstance(html, Markup)
    assert "<b>" not in html and "<i>" not in html
    assert '<del class="diff-word">' in html and '<ins class="diff-word">' in html
    assert "&lt;i&gt;planet" in html or "planet" in html
    assert "Hello " in html and " today" in html


def test_side_by_side_pairs_lines_and_marks_inserts_and_deletes():
    rows = diff.side_by_side("a\nb\nc\n", "a\nB\nc\nd\n")
    kinds = [row.kind for row in rows]
    assert kinds == ["equal", "change", "equal", "insert"]
    change = rows[1]
    assert '<del class="diff-word">b</del>' in change.old_html
    assert '<ins class="diff-word">B</ins>' in change.new_html
    assert rows[3].old_number is None and rows[3].new_number == 4


def test_long_unchanged_stretches_are_skipped():
    old = "".join(f"line {i}\n" for i in range(40))
    new = old.replace("line 20\n", "line twenty\n")
    rows = diff.side_by_side(old, new)
    assert rows[0].kind == "skip"
    assert len(rows) < 10
