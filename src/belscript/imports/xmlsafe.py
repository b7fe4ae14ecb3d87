"""Parsing XML from outside without the classic XML attacks.

A first pass with the C expat parser refuses any document type declaration (so no
entity can be defined: no billion laughs, no external entities, no DTD fetched from the
network) before anything is expanded; only then does the C ElementTree parser build the
tree. This is what defusedxml does, at C speed: defusedxml's own ElementTree wrapper
uses the pure-Python parser, which made a year's CAMT statement several times slower.
defusedxml stays installed because openpyxl uses it for the XML inside .xlsx files.
A long statement is walked element by element (:func:`iter_xml`, the standard
library's pull parser after the same guard), so the caller can clear each entry once it
is read and memory stays flat. :func:`find_path` answers ``find("a/b/c")`` exactly as
ElementTree does, but one C lookup per step instead of ElementTree's Python path engine.
Element names are read without their namespace by :func:`local`, because banks and
packages use several schema versions of the same message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from xml.etree.ElementTree import Element

from belscript.imports.problems import refuse


class _Forbidden(Exception):
    pass


def _forbid(*_args) -> None:
    raise _Forbidden


def parse_xml(data: bytes, name: str) -> Element:
    """The whole document as a tree, after :func:`_guard` refused DTDs and entities."""
    from xml.etree import ElementTree

    with _refusing(name):
        _guard(data, name)
        return ElementTree.fromstring(data)


def iter_xml(data: bytes, name: str, chunk: int = 1 << 16) -> Iterator[Element]:
    """The document's root first, then every element as it is completed (after the guard).

    Only end events pass through Python (ElementTree's pull parser hands each event
    over in Python code, so start events too would cost a third more); the root comes
    from the first start event of a separate look at the first chunk.
    """
    from xml.etree import ElementTree

    with _refusing(name):
        _guard(data, name)
        peek = ElementTree.XMLPullParser(events=("start",))
        peek.feed(data[:chunk])
        first = next(peek.read_events(), None)
        if first is None:
            peek.feed(data[chunk:])
            first = next(peek.read_events())
        yield first[1]
        parser = ElementTree.XMLPullParser(events=("end",))
        for start in range(0, len(data), chunk):
            parser.feed(data[start:start + chunk])
            for _event, element in parser.read_events():
                yield element
        parser.close()
        for _event, element in parser.read_events():
            yield element


def _guard(data: bytes, name: str) -> None:
    """Refuse binary data, and any DTD or entity, in one pass of the C expat parser."""
    import xml.parsers.expat as expat

    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise refuse(name, "dit is geen XML-bestand (het bevat binaire gegevens)")
    guard = expat.ParserCreate()
    guard.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    guard.StartDoctypeDeclHandler = guard.EntityDeclHandler = guard.ExternalEntityRefHandler = _forbid
    guard.Parse(data, True)


@contextmanager
def _refusing(name: str) -> Iterator[None]:
    """Turn what the parsers raise into one clear Dutch refusal."""
    import xml.parsers.expat as expat
    from xml.etree import ElementTree

    try:
        yield
    except _Forbidden:
        raise refuse(name, "het XML-bestand bevat een DTD of eigen entiteiten (<!DOCTYPE ...>); dat wordt om "
                           "veiligheidsredenen niet gelezen") from None
    except (expat.ExpatError, ElementTree.ParseError) as exc:
        row = getattr(exc, "lineno", None) or (getattr(exc, "position", None) or (None,))[0]
        message = expat.ErrorString(exc.code) if getattr(exc, "code", None) else str(exc)
        raise refuse(name, f"geen geldig XML ({message})", row=row) from None
    except (ValueError, LookupError, RecursionError):
        raise refuse(name, "geen geldig XML (onbekende tekencodering of te diep genest)") from None


def find_path(node: Element, tags: tuple[str, ...]) -> Element | None:
    """``node.find("/".join(tags))`` with the same answer, including when a step repeats."""
    found: Element | None = node
    for tag in tags:
        found = found.find(tag)
        if found is None:
            return _find_after_first(node, tags, 0) if len(tags) > 1 else None
    return found


def _find_after_first(node: Element, tags: tuple[str, ...], step: int) -> Element | None:
    """The first match in document order, also under a second or later element of a step."""
    if step == len(tags):
        return node
    for child in node.findall(tags[step]):
        if (found := _find_after_first(child, tags, step + 1)) is not None:
            return found
    return None


def namespace(element: Element) -> str:
    tag = element.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def local(element: Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
