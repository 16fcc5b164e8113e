"""The JSON Schema of the filing, as committed in ``disclosure/schema/filing.schema.json``."""

from __future__ import annotations

import json

from disclosure.model import Filing


def schema_text() -> str:
    schema = Filing.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://disclosure.invalid/schema/filing-1.0.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
