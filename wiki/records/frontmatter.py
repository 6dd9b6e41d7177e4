"""YAML front matter: the one place that reads and writes it.

A page body may start with a ``---`` fenced YAML mapping. Record fields live
there as flat keys, so they are versioned, diffed and merged with the text;
other keys (``title``, ``tags``, anything an import brought) pass through
untouched. Markdown import and export use the same two functions."""
import re

import yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def split(text):
    """``(metadata dict, rest of the text)``; ``({}, text)`` when there is none
    (or when what looks like one is not a YAML mapping)."""
    text = text or ""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    return data, text[match.end():]


def body_of(text):
    """The text after the front matter (all of it when there is none)."""
    return split(text)[1]


def join(metadata, body, order=None):
    """The front matter then ``body``; just ``body`` without metadata.

    Without ``order``, keys are sorted and collections written in block style
    (what Markdown export always wrote). With ``order`` (a list of keys, the
    record's fields), those keys come first in that order, the others after
    them sorted, one line per key (lists and indicators in flow style, no line
    wrapping), so that a changed field is a one-line diff that merges cleanly."""
    if not metadata:
        return body
    if order is None:
        dumped = yaml.safe_dump(metadata, allow_unicode=True, sort_keys=True,
                                default_flow_style=False)
        return f"---\n{dumped}---\n{body}"
    ranked = {name: i for i, name in enumerate(order)}
    keys = sorted(metadata, key=lambda k: (0, ranked[k], "") if k in ranked else (1, 0, str(k)))
    ordered = {key: _flow(metadata[key]) for key in keys}
    dumped = yaml.dump(ordered, Dumper=_LineDumper, allow_unicode=True, sort_keys=False,
                       default_flow_style=False, width=10 ** 6)
    return f"---\n{dumped}---\n{body}"


class _FlowList(list):
    pass


class _FlowDict(dict):
    pass


class _LineDumper(yaml.SafeDumper):
    """Block style for the top level, flow style (``[a, b]``, ``{value: 1}``) inside."""


_LineDumper.add_representer(_FlowList, lambda dumper, data: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", data, flow_style=True))
_LineDumper.add_representer(_FlowDict, lambda dumper, data: dumper.represent_mapping(
    "tag:yaml.org,2002:map", data, flow_style=True))


def _flow(value):
    if isinstance(value, dict):
        return _FlowDict(value)
    if isinstance(value, (list, tuple)):
        return _FlowList(value)
    return value
