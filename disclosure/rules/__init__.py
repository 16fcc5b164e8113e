"""Business rules. Importing this package registers every rule module."""

from disclosure.rules import activity, checklist, disclosures, entity, market, narrative, quality, report, writable
from disclosure.rules.registry import RULES, Rule, RuleContext, rule, run_rules

__all__ = ["RULES", "Rule", "RuleContext", "activity", "checklist", "disclosures", "entity", "market", "narrative",
           "quality", "report", "rule", "run_rules", "writable"]
