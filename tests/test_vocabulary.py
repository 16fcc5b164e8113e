"""Every coded value the filing schema allows has a zh-CN and an en label for the reports."""

from __future__ import annotations

import enum
import inspect
import re
import typing

import pytest

from disclosure import model
from disclosure.model import metrics, narrative
from disclosure.vocabulary import groups, label

LANGS = ("zh-CN", "en")

LITERALS = {
    (narrative.Body, "level"): "body-level",
    (narrative.RiskOrOpportunity, "kind"): "risk-kind",
    (narrative.Assurance, "level"): "assurance-level",
    (metrics.CarbonCredit, "purpose"): "credit-purpose",
    (metrics.CCERProject, "status"): "project-status",
    (metrics.Target, "kind"): "target-kind",
}


def _kebab(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "-", name).lower()


def _enums() -> list[type[enum.Enum]]:
    found = []
    for module in (sub for _, sub in inspect.getmembers(model, inspect.ismodule)):
        found += [obj for _, obj in inspect.getmembers(module, inspect.isclass)
                  if issubclass(obj, enum.Enum) and obj.__module__ == module.__name__]
    return found


def test_the_enumerations_were_found() -> None:
    names = {e.__name__ for e in _enums()}
    assert {"RiskType", "Horizon", "OmissionReason", "FactorStatus", "GWPSet", "ETSSector"} <= names


@pytest.mark.parametrize("enum_type", _enums(), ids=lambda e: e.__name__)
def test_every_enum_value_has_labels(enum_type: type[enum.Enum]) -> None:
    group = groups()[_kebab(enum_type.__name__)]
    for member in enum_type:
        assert set(group[member.value]) == set(LANGS), member
        assert all(group[member.value][lang].strip() for lang in LANGS)


@pytest.mark.parametrize(("owner", "field"), sorted(LITERALS, key=str), ids=lambda x: getattr(x, "__name__", x))
def test_every_literal_value_has_labels(owner: type, field: str) -> None:
    annotation = owner.model_fields[field].annotation  # type: ignore[attr-defined]
    values = typing.get_args(annotation)
    assert values, f"{owner.__name__}.{field} is not a Literal"
    group = groups()[LITERALS[(owner, field)]]
    for value in values:
        assert set(group[value]) == set(LANGS), value


def test_label_in_both_languages_and_code_fallback() -> None:
    assert label("risk-type", narrative.RiskType.POLICY, "zh-CN") == "转型风险——政策与法律"
    assert label("horizon", "long", "en") == "Long term"
    assert label("horizon", "someday", "en") == "someday"


def test_no_group_is_unused() -> None:
    used = {_kebab(e.__name__) for e in _enums()} | set(LITERALS.values())
    assert set(groups()) <= used
