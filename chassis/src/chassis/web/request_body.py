"""The one base of every request body: what any client sends is checked here, once, for
every service (decision 6).

- Unknown fields are refused (422), not silently dropped: a misspelt optional field would
  otherwise be lost without the client knowing.
- Every string is bounded: a field that names no ``max_length`` gets ``STRING_MAX``.
- Every string is stripped of surrounding whitespace and normalised to NFC, so the same
  text typed on another keyboard (NFD) is stored, compared and fingerprinted
  (idempotency) as the same text.
- No string may hold a control character, a lone surrogate or U+FFFE/U+FFFF
  (``kernel.text.forbidden_character``): they are refused with a 422 naming the field.
  Fields marked ``MULTI_LINE`` (a petition, an answer, a note) keep newlines and tabs.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    ValidationInfo,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from kernel.text import forbidden_character, nfc

STRING_MAX = 2_000
"""The bound of a string field that names none of its own."""


class MultiLine:
    """Marks a text field where newlines and tabs are part of the text."""

    def __repr__(self) -> str:
        return "MULTI_LINE"


MULTI_LINE = MultiLine()

# The rule of ``kernel.text.forbidden_character`` as the JSON Schema ``pattern`` the OpenAPI
# document shows, so clients (and the schema-driven fuzzer) know it; the validator below
# is what enforces it.
LINE_PATTERN = "^[^\\x00-\\x1f\\x7f-\\x9f\\ufffe\\uffff]*$"
PARAGRAPHS_PATTERN = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ufffe\\uffff]*$"

Paragraphs = Annotated[str, MULTI_LINE, Field(min_length=1)]
"""Free text that may run over several lines; give it a ``max_length`` where it is used."""


class RequestBody(BaseModel):
    """Base of every HTTP request body of every service."""

    model_config = ConfigDict(extra="forbid", str_max_length=STRING_MAX,
                              str_strip_whitespace=True)
    _multi_line_fields: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._multi_line_fields = frozenset(
            name for name, field in cls.model_fields.items()
            if MULTI_LINE in field.metadata or _marked_multi_line(field.annotation)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(core_schema)
        properties = handler.resolve_ref_schema(json_schema).get("properties", {})
        for name, schema in properties.items():
            pattern = PARAGRAPHS_PATTERN if name in cls._multi_line_fields else LINE_PATTERN
            _document_pattern(schema, pattern)
        return json_schema

    @field_validator("*", mode="after")
    @classmethod
    def _clean_text(cls, value: Any, info: ValidationInfo) -> Any:
        return clean_strings(value, multi_line=info.field_name in cls._multi_line_fields)


def _document_pattern(schema: dict[str, Any], pattern: str) -> None:
    """Adds ``pattern`` to every free-text string schema in ``schema`` (inside ``anyOf``,
    array items, map values); references (nested bodies) document themselves."""
    if schema.get("type") == "string" and not schema.keys() & {"format", "enum", "const",
                                                               "pattern"}:
        schema["pattern"] = pattern
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            _document_pattern(option, pattern)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            _document_pattern(schema[key], pattern)


def _marked_multi_line(annotation: Any) -> bool:
    """Whether ``MULTI_LINE`` marks the type, also inside ``X | None`` or ``list[X]``."""
    if get_origin(annotation) is Annotated:
        base, *metadata = get_args(annotation)
        return MULTI_LINE in metadata or _marked_multi_line(base)
    return any(_marked_multi_line(arg) for arg in get_args(annotation))


def clean_strings(value: Any, *, multi_line: bool) -> Any:
    """``value`` with every plain string in it (in lists and dicts too) in NFC; raises
    ``ValueError`` (pydantic makes it a 422) on a character no text may hold. Enum members
    and nested request bodies are left alone: the latter clean their own fields."""
    if type(value) is str:
        found = forbidden_character(value, multi_line=multi_line)
        if found is not None:
            raise ValueError(
                f"văn bản không được chứa ký tự điều khiển U+{ord(found):04X} "
                f"(text may not hold the control character U+{ord(found):04X})"
            )
        return nfc(value)
    if isinstance(value, list):
        return [clean_strings(item, multi_line=multi_line) for item in value]
    if isinstance(value, dict):
        return {clean_strings(key, multi_line=False): clean_strings(item, multi_line=multi_line)
                for key, item in value.items()}
    return value
