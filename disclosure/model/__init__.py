"""The filing schema (pydantic models); exported as JSON Schema by ``disclosure schema``."""

from disclosure.model.filing import SCHEMA_VERSION, Filing

__all__ = ["SCHEMA_VERSION", "Filing"]
