"""filing.yaml to plain data with a location for every value, from libyaml's event stream.

libyaml parses (fast, C); the conversion to data happens here, in one loop with an explicit stack:
no recursion (libyaml's own composer recurses in C and crashes the process on a few ten thousand
nested brackets), nesting depth and alias expansion are bounded while streaming, and the YAML 1.2
core schema is applied without the YAML 1.1 resolver (``no``/``on`` stay strings, numbers with a
fraction become exact ``Decimal``, dates stay text for the model to parse). Bad input never raises:
it becomes a finding and ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from disclosure.issues import Issue, Location, PathPart
from disclosure.limits import MAX_NUMBER_TEXT, MAX_YAML_DEPTH, MAX_YAML_NODES, MIN_ALIAS_BUDGET, exceeded

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_CORE = "tag:yaml.org,2002:"
_STR_TAG = _CORE + "str"
_MERGE_TAG = _CORE + "merge"
_KNOWN_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "value")}


def resolve_plain(text: str) -> Any:
    """YAML 1.2 core-schema resolution of a plain scalar, with exact decimals.

    A number of more than ``MAX_NUMBER_TEXT`` characters stays exact as a ``Decimal`` (never an
    ``int``, whose text conversion Python limits); the range check reports it with its location."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text) if len(text) <= MAX_NUMBER_TEXT else Decimal(text)
    if _FLOAT.match(text):
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
            return text
    return text


class _Stop(Exception):
    """Reading cannot go on: one finding explains why."""

    def __init__(self, issue: Issue) -> None:
        self.issue = issue


@dataclass(slots=True)
class _Frame:
    """An open mapping or list."""

    value: Any
    path: tuple[PathPart, ...] | None
    """None while discarding (a key that is not a scalar, and its value)."""
    is_map: bool
    key: str | None = None
    state: str = "key"
    """For a mapping: expecting a "key", its "value", or a value to "skip"."""
    keys_seen: set[str] = field(default_factory=set)


class YamlReader:
    """Converts one YAML text; findings go to ``issues``, locations to ``locations``."""

    def __init__(self, display: str, locations: dict[tuple[PathPart, ...], Location],
                 issues: list[Issue]) -> None:
        self.display = display
        self.locations = locations
        self.issues = issues
        self.nodes = 0
        self.written = 0
        """Nodes spelled out in the file (not expanded from aliases)."""
        self.expanded = 0
        self.anchors: dict[str, list[yaml.Event]] = {}
        self.recording: list[tuple[str, list[yaml.Event]]] = []
        """Anchored collections still open, with their events so far (an alias replays them)."""
        self.depths: list[int] = []
        """Stack depth at which each recorded collection opened."""

    def loc(self, event: yaml.Event, path: tuple[PathPart, ...] = ()) -> Location:
        mark = event.start_mark
        if mark is None:  # pragma: no cover - libyaml marks every event
            return Location(self.display, path=path)
        return Location(self.display, mark.line + 1, mark.column + 1, path=path)

    def read(self, text: str) -> Any:
        """The first document as data, or None (with a finding) when it cannot be trusted."""
        try:
            return self._read(yaml.parse(text, Loader=yaml.CSafeLoader))
        except _Stop as stop:
            self.issues.append(stop.issue)
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            where = Location(self.display, mark.line + 1, mark.column + 1) if mark else Location(self.display)
            problem = err.problem or err.context or "syntax error"
            self.issues.append(Issue("input.yaml-syntax", where, {"detail": problem}))
        except yaml.YAMLError as err:
            self.issues.append(Issue("input.yaml-syntax", Location(self.display), {"detail": str(err)[:200]}))
        return None

    def _read(self, events: Iterator[yaml.Event]) -> Any:
        documents = 0
        result: Any = None
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents == 1:
                    result = self._document(events)
                    continue
                first = next(events)
                if documents == 2:
                    line = first.start_mark.line + 1 if first.start_mark is not None else None
                    self.issues.append(Issue("input.yaml-multiple-documents", Location(self.display, line, 1)))
        return result

    def _document(self, events: Iterator[yaml.Event]) -> Any:
        """Convert the events of one document (up to its end) with an explicit stack."""
        stack: list[_Frame] = []
        pending: list[Iterator[yaml.Event]] = [events]
        root: list[Any] = []
        scalar_event = yaml.ScalarEvent
        while pending:
            event = next(pending[-1], None)
            if event is None:
                pending.pop()
                continue
            replaying = len(pending) > 1
            # Fast path (most events of a large filing): a scalar without tag or anchor, written in the file,
            # inside a collection being kept, while no anchored collection is being recorded.
            if type(event) is scalar_event and stack and not replaying and not self.recording \
                    and event.tag is None and not event.anchor and self.nodes < MAX_YAML_NODES \
                    and event.start_mark is not None and self._fast_scalar(stack[-1], event):
                continue
            if isinstance(event, yaml.DocumentEndEvent):
                break
            if not replaying:
                for _, recorded in self.recording:
                    recorded.append(event)
            if isinstance(event, yaml.AliasEvent):
                pending.append(iter(self._alias(event)))
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                frame = stack.pop()
                self._close_anchor(replaying, len(stack))
                self._deliver(stack, root, frame.value, event)
                continue
            path = self._next_path(stack, event)
            self._count(event, path, replaying)
            if isinstance(event, yaml.ScalarEvent):
                if event.anchor and not replaying:
                    self.anchors[event.anchor] = [event]
                self._deliver(stack, root, self._scalar(event, path), event, scalar=True)
            elif isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= MAX_YAML_DEPTH:
                    raise _Stop(Issue("input.limit-exceeded", self.loc(event, path or ()),
                                      exceeded("depth", MAX_YAML_DEPTH)))
                self._collection_tag(event, path)
                if event.anchor and not replaying:
                    self.recording.append((event.anchor, [event]))
                    self.depths.append(len(stack))
                is_map = isinstance(event, yaml.MappingStartEvent)
                stack.append(_Frame({} if is_map else [], path, is_map))
        return root[0] if root else None

    def _fast_scalar(self, top: _Frame, event: yaml.ScalarEvent) -> bool:
        """Take a plain or quoted scalar as a key or value of ``top``; False to leave it to the full path."""
        path = top.path
        if path is None:
            return False
        text = str(event.value)
        if top.is_map and top.state == "key":
            if text == "<<" and not event.style:
                return False
            if text in top.keys_seen:
                return False  # a duplicate key: the full path reports it
            self.nodes += 1
            self.written += 1
            top.keys_seen.add(text)
            top.key = text
            top.state = "value"
            return True
        if top.is_map and top.state == "skip":
            top.state = "key"
            self.nodes += 1
            self.written += 1
            return True
        self.nodes += 1
        self.written += 1
        value = text if event.style else resolve_plain(text)
        if top.is_map:
            assert top.key is not None
            where: tuple[PathPart, ...] = (*path, top.key)
            top.value[top.key] = value
            top.state = "key"
        else:
            where = (*path, len(top.value))
            top.value.append(value)
        mark = event.start_mark
        assert mark is not None
        self.locations[where] = Location(self.display, mark.line + 1, mark.column + 1, path=where)
        return True

    def _close_anchor(self, replaying: bool, depth: int) -> None:
        if replaying or not self.recording or self.depths[-1] != depth:
            return
        anchor, recorded = self.recording.pop()
        self.depths.pop()
        self.anchors[anchor] = recorded

    def _alias(self, event: yaml.AliasEvent) -> list[yaml.Event]:
        anchor = str(event.anchor)
        if any(name == anchor for name, _ in self.recording):
            raise _Stop(Issue("input.yaml-syntax", self.loc(event), {"detail": f"alias *{anchor} refers to itself"}))
        template = self.anchors.get(anchor)
        if template is None:
            raise _Stop(Issue("input.yaml-syntax", self.loc(event), {"detail": f"undefined alias *{anchor}"}))
        self.expanded += len(template)
        if self.expanded > max(MIN_ALIAS_BUDGET, self.written):
            raise _Stop(Issue("input.limit-exceeded", self.loc(event),
                              exceeded("aliases", max(MIN_ALIAS_BUDGET, self.written))))
        return template

    def _count(self, event: yaml.Event, path: tuple[PathPart, ...] | None, replaying: bool) -> None:
        self.nodes += 1
        if not replaying:
            self.written += 1
        if self.nodes > MAX_YAML_NODES:
            raise _Stop(Issue("input.limit-exceeded", self.loc(event, path or ()),
                              exceeded("values", MAX_YAML_NODES)))

    def _next_path(self, stack: list[_Frame], event: yaml.Event) -> tuple[PathPart, ...] | None:
        """The path of the node ``event`` starts; None when it is discarded or is a mapping key."""
        if not stack:
            path: tuple[PathPart, ...] | None = ()
        else:
            top = stack[-1]
            if top.path is None:
                return None
            if not top.is_map:
                path = (*top.path, len(top.value))
            elif top.state == "value":
                assert top.key is not None
                path = (*top.path, top.key)
            else:
                return None
        if path is not None:
            self.locations[path] = self.loc(event, path)
        return path

    def _deliver(self, stack: list[_Frame], root: list[Any], value: Any, event: yaml.Event,
                 scalar: bool = False) -> None:
        if not stack:
            root.append(value)
            return
        top = stack[-1]
        if not top.is_map:
            top.value.append(value)
            return
        if top.state == "key":
            self._key(top, event, value, scalar)
        elif top.state == "value":
            assert top.key is not None
            top.value[top.key] = value
            top.state = "key"
        else:
            top.state = "key"

    def _key(self, top: _Frame, event: yaml.Event, value: Any, scalar: bool) -> None:
        if top.path is None:
            top.state = "skip"
            return
        if not isinstance(event, yaml.ScalarEvent) or event.tag == _MERGE_TAG or (
                event.value == "<<" and not event.style and event.tag is None):
            self.issues.append(Issue("input.yaml-key", self.loc(event, top.path)))
            top.state = "skip"
            return
        key = str(event.value)
        if key in top.keys_seen:
            self.issues.append(Issue("input.yaml-duplicate-key", self.loc(event, (*top.path, key)), {"key": key}))
        top.keys_seen.add(key)
        top.key = key
        top.state = "value"

    def _scalar(self, event: yaml.ScalarEvent, path: tuple[PathPart, ...] | None) -> Any:
        text = str(event.value)
        tag = event.tag
        if tag is None:
            return text if event.style else resolve_plain(text)
        if tag == "!" or tag == _STR_TAG:
            return text
        if tag not in _KNOWN_TAGS and tag != _MERGE_TAG:
            if path is not None:
                self.issues.append(Issue("input.yaml-tag", self.loc(event, path), {"tag": tag}))
            return text
        return text if event.style else resolve_plain(text)

    def _collection_tag(self, event: yaml.CollectionStartEvent, path: tuple[PathPart, ...] | None) -> None:
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _KNOWN_TAGS and path is not None:
            self.issues.append(Issue("input.yaml-tag", self.loc(event, path), {"tag": tag}))


def read_yaml(text: str, display: str, locations: dict[tuple[PathPart, ...], Location],
              issues: list[Issue]) -> Any:
    """Convert ``text``; see the module docstring."""
    return YamlReader(display, locations, issues).read(text)
