"""Small immutable records without the ``dataclasses`` module.

``belscript lint -`` and ``validate`` load the phrasing rules and report diagnostics
in a fresh process each time. Importing ``dataclasses`` (which pulls in ``inspect``,
``ast`` and ``dis``) and generating the methods of each class cost more than checking
a sentence, so the records on that path (:class:`~belscript.document.diagnostics.Diagnostic`,
the phrasing rules, patterns and findings) are plain ``__slots__`` classes built on
:class:`Record`. Each writes its own ``__init__``; the base gives what
``@dataclass(frozen=True)`` gave them: equality with another record of the same class,
a hash, a repr in the same form (``Finding(rule='moeten', ...)``), no assignment after
creation, and copying and pickling through the constructor.
"""

from __future__ import annotations

__all__ = ["Frozen", "Record"]

#: Sets a slot of a frozen record (inside its ``__init__``).
set_field = object.__setattr__


class Frozen:
    """Equality with another instance of the same class, a hash and no assignment after
    creation, all from :meth:`_values`. The base of :class:`Record` (fields in slots) and
    of the call's events and their payloads (fields in ``__dict__``, see ``engine/payload``)."""

    __slots__ = ()

    def _values(self) -> tuple:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")


class Record(Frozen):
    """Base of a frozen record; the fields are the class's ``__slots__``, in constructor order.

    ``_compared`` names the fields that take part in ``==`` and ``hash`` when that is
    not all of them (as ``field(compare=False)`` did).
    """

    __slots__ = ()
    _compared: tuple[str, ...] | None = None

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.__match_args__ = cls.__slots__

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in (self._compared or self.__slots__))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({fields})"

    def __reduce__(self) -> tuple:
        return self.__class__, tuple(getattr(self, name) for name in self.__slots__)
