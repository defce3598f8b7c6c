"""Build pydantic models without validating them, for the parser's hot paths.

`builder(Model)` returns a constructor with the semantics of `Model.model_construct`: no validation, the
defaults filled in, `model_fields_set` the names given. It is several times faster than either validation or
`model_construct`, as the field list and the defaults are worked out once. `positional_builder(Model,
*names)` is faster still, for calls that always give the same fields. Use them only where the values are known
to have the field types already (the parser builds them so, and tests compare the result with a validated
model); anything else must go through `Model(...)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_MISSING = object()
_IMMUTABLE = (str, int, float, bool, bytes, tuple, frozenset, type(None))
_set = object.__setattr__


def builder(cls: type[M]) -> Callable[..., M]:
    """A fast `cls.model_construct(**values)` for a model with `extra="forbid"` or "ignore", no private
    attributes and no `model_post_init`; immutable defaults only (mutable ones take a `default_factory`)."""
    _check_plain(cls)
    template: dict[str, Any] = {}
    required: list[str] = []
    factories: list[tuple[str, Callable[[], Any]]] = []
    for name, field in cls.model_fields.items():
        if field.default_factory is not None:
            template[name] = _MISSING
            factories.append((name, field.default_factory))  # type: ignore[arg-type]
        elif field.is_required():
            template[name] = _MISSING
            required.append(name)
        else:
            template[name] = _immutable_default(cls, name)
    new = cls.__new__

    def build(**values: Any) -> M:
        data = template.copy()  # the template keeps the fields in their declared order
        data.update(values)
        for name in required:
            if name not in values:
                raise TypeError(f"{cls.__name__}: missing required field {name!r}")
        for name, factory in factories:
            if name not in values:
                data[name] = factory()
        if len(data) != len(template):
            unknown = sorted(set(values) - set(template))
            raise TypeError(f"{cls.__name__}: unknown fields {unknown}")
        model = new(cls)
        _set(model, "__dict__", data)
        _set(model, "__pydantic_fields_set__", set(values))
        _set(model, "__pydantic_extra__", None)
        _set(model, "__pydantic_private__", None)
        return model

    build.__name__ = build.__qualname__ = f"build_{cls.__name__}"
    build.__doc__ = f"`{cls.__name__}(**values)` without validation (see `perfform._construct.builder`)."
    return build


def positional_builder(cls: type[M], *names: str) -> Callable[..., M]:
    """`builder(cls)` for calls that always give the fields `names`, positionally and in that order:
    `positional_builder(Location, "table", "row")(1, 2)` is `builder(Location)(table=1, row=2)`.

    The names are checked here, once, so that a call only makes the model: the function is generated, as
    `dataclasses` generates `__init__`, with the model's `__dict__` written out as a literal in the declared
    field order (about twice as fast as `builder`, which merges and checks dictionaries on every call).
    """
    _check_plain(cls)
    fields = cls.model_fields
    unknown = sorted(set(names) - set(fields))
    if unknown:
        raise TypeError(f"{cls.__name__}: unknown fields {unknown}")
    if len(set(names)) != len(names):
        raise TypeError(f"{cls.__name__}: a field named twice in {names}")
    # Field names never start with "_" (pydantic forbids it), so the generated code's own names cannot clash.
    namespace: dict[str, Any] = {"_new": cls.__new__, "_cls": cls, **_SLOT_SETTERS}
    entries: list[str] = []
    for name, field in fields.items():
        if name in names:
            entries.append(f"{name!r}: {name}")
        elif field.default_factory is not None:
            namespace[f"_factory_{name}"] = field.default_factory
            entries.append(f"{name!r}: _factory_{name}()")
        elif field.is_required():
            raise TypeError(f"{cls.__name__}: missing required field {name!r}")
        else:
            namespace[f"_default_{name}"] = _immutable_default(cls, name)
            entries.append(f"{name!r}: _default_{name}")
    given = "{" + ", ".join(map(repr, names)) + "}" if names else "set()"
    source = (
        f"def build_{cls.__name__}({', '.join(names)}):\n"
        "    _instance = _new(_cls)\n"
        f"    _set_dict(_instance, {{{', '.join(entries)}}})\n"
        f"    _set_fields_set(_instance, {given})\n"
        "    _set_extra(_instance, None)\n"
        "    _set_private(_instance, None)\n"
        "    return _instance\n"
    )
    exec(source, namespace)  # the source is built above from the model's field names only
    build: Callable[..., M] = namespace[f"build_{cls.__name__}"]
    build.__doc__ = f"`{cls.__name__}({', '.join(f'{n}=…' for n in names)})` without validation."
    return build


# The slots every model instance has, set as `model_construct` sets them (through the slot descriptors:
# `BaseModel.__setattr__` would validate or refuse).
_SLOT_SETTERS: dict[str, Any] = {
    "_set_dict": BaseModel.__dict__["__dict__"].__set__,
    "_set_fields_set": BaseModel.__dict__["__pydantic_fields_set__"].__set__,
    "_set_extra": BaseModel.__dict__["__pydantic_extra__"].__set__,
    "_set_private": BaseModel.__dict__["__pydantic_private__"].__set__,
}


def _check_plain(cls: type[BaseModel]) -> None:
    if (
        cls.model_config.get("extra") == "allow"
        or cls.__private_attributes__
        or cls.__pydantic_post_init__ is not None
    ):
        raise TypeError(f"{cls.__name__}: builder() supports plain models only")


def _immutable_default(cls: type[BaseModel], name: str) -> Any:
    default = cls.model_fields[name].default
    if not isinstance(default, _IMMUTABLE):
        raise TypeError(f"{cls.__name__}.{name}: a mutable default needs a default_factory")
    return default
