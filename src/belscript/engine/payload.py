"""The base of the event payloads: frozen records declared by their annotations.

:func:`payload` gives a class what ``@dataclass(frozen=True)`` gave the event kinds
(keyword or positional construction with defaults, equality, hash, a repr naming every
field, no assignment afterwards) from its annotations, without generating code per
class: twenty dataclasses cost ~25 ms to create, paid before the call screen's first
frame (the call log reads events) and again while the first keys are typed.
"""

from __future__ import annotations

from typing import Any, ClassVar

from belscript.document.record import Frozen

__all__ = ["Factory", "Payload", "factory", "payload"]


class Factory:
    """A default made fresh for each payload (``factory(list)``, as ``factory(list)``)."""

    __slots__ = ("make",)

    def __init__(self, make: Any) -> None:
        self.make = make


factory = Factory
_REQUIRED = object()


def payload(cls: type) -> type:
    """Declare a payload's fields: the class's annotated names other than ``ClassVar``s,
    in order, each with its class-level default (or a :class:`Factory`), if any."""
    names = tuple(name for name, kind in cls.__dict__.get("__annotations__", {}).items()
                  if not str(kind).startswith("ClassVar"))
    cls._fields = names
    cls._defaults = tuple(cls.__dict__.get(name, _REQUIRED) for name in names)
    cls.__match_args__ = names
    return cls


class Payload(Frozen):
    """Base of every event payload: the frozen-record behaviour of its fields, and
    conversion to and from the stored JSON form."""

    kind: ClassVar[str]
    #: Data keys that differ from the field name (``from`` is a Python keyword).
    _keys: ClassVar[dict[str, str]] = {}
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[tuple[Any, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = self._fields
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__}() takes {len(names)} arguments, {len(args)} given")
        values = self.__dict__
        for name, value in zip(names, args):
            values[name] = value
        for name, value in kwargs.items():
            if name not in names or name in values:
                raise TypeError(f"{type(self).__name__}() got an unexpected or repeated argument {name!r}")
            values[name] = value
        if len(values) < len(names):
            for name, default in zip(names, self._defaults):
                if name not in values:
                    if default is _REQUIRED:
                        raise TypeError(f"{type(self).__name__}() missing required argument {name!r}")
                    values[name] = default.make() if type(default) is Factory else default

    def _values(self) -> tuple[Any, ...]:
        values = self.__dict__
        return tuple(values[name] for name in self._fields)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self._values()))
        return f"{type(self).__qualname__}({shown})"

    def to_data(self) -> dict[str, Any]:
        keys = self._keys
        values = self.__dict__
        return {keys.get(name, name): values[name] for name in self._fields}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Payload":
        """Read the stored form; a missing required field raises ``KeyError``."""
        keys = cls._keys
        values: dict[str, Any] = {}
        for name, default in zip(cls._fields, cls._defaults):
            key = keys.get(name, name)
            if key in data:
                values[name] = data[key]
            elif default is _REQUIRED:
                raise KeyError(key)
        return cls(**values)
