"""Business rules. Importing this package registers every rule module."""

from disclosure.rules import activity, checklist, entity, market, report, writable
from disclosure.rules.registry import RULES, Rule, RuleContext, rule, run_rules

__all__ = ["RULES", "Rule", "RuleContext", "activity", "checklist", "entity", "market", "report",
           "rule", "run_rules", "writable"]
