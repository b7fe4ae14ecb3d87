"""Parsing XML from outside without the classic XML attacks.

defusedxml wraps the standard library's expat parser and refuses any document type
declaration (so no entity can be defined: no billion laughs, no external entities, no
DTD fetched from the network) before a single entity is expanded. Element names are
returned without their namespace by :func:`local`, because banks and packages use
several schema versions of the same message.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from belscript.imports.problems import refuse


def parse_xml(data: bytes, name: str) -> Element:
    import defusedxml
    from defusedxml import ElementTree as SafeET

    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise refuse(name, "dit is geen XML-bestand (het bevat binaire gegevens)")
    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden:
        raise refuse(name, "het XML-bestand bevat een DTD (<!DOCTYPE ...>); dat wordt om veiligheidsredenen "
                           "niet gelezen") from None
    except (defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden):
        raise refuse(name, "het XML-bestand definieert eigen entiteiten; dat wordt om veiligheidsredenen "
                           "niet gelezen") from None
    except defusedxml.DefusedXmlException:
        raise refuse(name, "het XML-bestand bevat onveilige constructies en wordt niet gelezen") from None
    except SyntaxError as exc:  # xml.etree.ElementTree.ParseError
        position = getattr(exc, "position", None)
        row = position[0] if position else None
        raise refuse(name, f"geen geldig XML ({getattr(exc, 'msg', None) or exc})", row=row) from None
    except (ValueError, LookupError, RecursionError):
        raise refuse(name, "geen geldig XML (onbekende tekencodering of te diep genest)") from None


def namespace(element: Element) -> str:
    tag = element.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def local(element: Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
