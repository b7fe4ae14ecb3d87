"""Parsing XML from outside without the classic XML attacks.

A first pass with the C expat parser refuses any document type declaration (so no
entity can be defined: no billion laughs, no external entities, no DTD fetched from the
network) before anything is expanded; only then does the C ElementTree parser build the
tree. This is what defusedxml does, at C speed: defusedxml's own ElementTree wrapper
uses the pure-Python parser, which made a year's CAMT statement several times slower.
defusedxml stays installed because openpyxl uses it for the XML inside .xlsx files.
Element names are read without their namespace by :func:`local`, because banks and
packages use several schema versions of the same message.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from belscript.imports.problems import refuse


class _Forbidden(Exception):
    pass


def _forbid(*_args) -> None:
    raise _Forbidden


def parse_xml(data: bytes, name: str) -> Element:
    import xml.parsers.expat as expat
    from xml.etree import ElementTree

    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise refuse(name, "dit is geen XML-bestand (het bevat binaire gegevens)")
    guard = expat.ParserCreate()
    guard.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    guard.StartDoctypeDeclHandler = guard.EntityDeclHandler = guard.ExternalEntityRefHandler = _forbid
    try:
        guard.Parse(data, True)
        return ElementTree.fromstring(data)
    except _Forbidden:
        raise refuse(name, "het XML-bestand bevat een DTD of eigen entiteiten (<!DOCTYPE ...>); dat wordt om "
                           "veiligheidsredenen niet gelezen") from None
    except (expat.ExpatError, ElementTree.ParseError) as exc:
        row = getattr(exc, "lineno", None) or (getattr(exc, "position", None) or (None,))[0]
        message = expat.ErrorString(exc.code) if getattr(exc, "code", None) else str(exc)
        raise refuse(name, f"geen geldig XML ({message})", row=row) from None
    except (ValueError, LookupError, RecursionError):
        raise refuse(name, "geen geldig XML (onbekende tekencodering of te diep genest)") from None


def namespace(element: Element) -> str:
    tag = element.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def local(element: Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
