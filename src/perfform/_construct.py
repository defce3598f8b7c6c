"""Build pydantic models without validating them, for the parser's hot paths.

`builder(Model)` returns a constructor with the semantics of `Model.model_construct`: no validation, the
defaults filled in, `model_fields_set` the names given. It is several times faster than either validation or
`model_construct`, as the field list and the defaults are worked out once. Use it only where the values
are known to have the field types already (the parser builds them so, and tests compare the result with a
validated model); anything else must go through `Model(...)`.
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
    if (
        cls.model_config.get("extra") == "allow"
        or cls.__private_attributes__
        or cls.__pydantic_post_init__ is not None
    ):
        raise TypeError(f"{cls.__name__}: builder() supports plain models only")
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
        elif isinstance(field.default, _IMMUTABLE):
            template[name] = field.default
        else:
            raise TypeError(f"{cls.__name__}.{name}: a mutable default needs a default_factory")
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
