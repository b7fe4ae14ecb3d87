"""Which column holds what: the Dutch and English header names of open-items exports.

Headers are compared after :func:`normalise` (lower case, accents, dots, dashes and
underscores folded to spaces), so "Deb.nr.", "deb nr" and "DEB_NR" are one name. The
field names are Dutch because users write them in a mapping file. Sources of the names
per package: ``tests/fixtures/imports/README.md`` and ``docs/imports.md``.
"""

from __future__ import annotations

import re
import unicodedata

FIELDS = ("factuurnummer", "klant", "klantnummer", "contactpersoon", "openstaand", "bedrag", "betaald",
          "factuurdatum", "vervaldatum", "email", "telefoon", "iban", "orderreferentie", "omschrijving",
          "valuta", "soort", "kvk", "btwnummer", "aanspreekvorm")
IGNORE = "negeren"

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "factuurnummer": ("factuurnummer", "factuur nummer", "factuurnr", "factuur nr", "fact nr", "factuurno",
                      "invoice", "invoice number", "invoicenumber", "invoice no", "invoice id", "invoice nr",
                      "mutfactuur", "documentnummer", "nummer", "number"),
    "klant": ("klant", "klantnaam", "naam", "bedrijfsnaam", "bedrijf", "relatienaam", "naam relatie",
              "debiteurnaam", "debiteur naam", "naam debiteur", "organisatie", "relbedrijf", "customer",
              "customer name", "customer company name", "company", "company name", "client", "client name",
              "contact", "contact name", "account name", "accountname", "name"),
    "klantnummer": ("klantnummer", "klantnr", "klant nr", "relatiecode", "relatienummer", "relatienr",
                    "debiteurnummer", "debiteurnr", "deb nr", "debiteurcode", "relcode", "customer number",
                    "customer id", "customer code", "account code", "accountcode", "client number"),
    "contactpersoon": ("contactpersoon", "contact persoon", "tav", "t a v", "ter attentie van", "contact person",
                       "attention"),
    "openstaand": ("openstaand", "openstaand bedrag", "openstaand saldo", "openstaandsaldo", "saldo", "open bedrag",
                   "nog te betalen", "nog te ontvangen", "te ontvangen", "restant", "restantbedrag",
                   "open amount", "outstanding", "outstanding amount", "amount due", "balance", "balance due",
                   "total unpaid", "unpaid", "open"),
    "bedrag": ("bedrag", "factuurbedrag", "totaal", "totaalbedrag", "totaal incl btw", "bedrag incl btw",
               "totaalinclbtw", "factuurbedrag incl btw", "amount", "total", "invoice amount", "total incl vat",
               "total price incl tax", "invoice total incl vat", "total amount", "amount dc"),
    "betaald": ("betaald", "voldaan", "betaald bedrag", "paid", "paid amount", "amount paid"),
    "factuurdatum": ("factuurdatum", "datum", "boekdatum", "documentdatum", "mutdatum", "invoice date",
                     "invoicedate", "date", "issue date"),
    "vervaldatum": ("vervaldatum", "vervalt", "verloopdatum", "vervaldag", "uiterste betaaldatum",
                    "betaaldatum", "due date", "duedate", "invoice due date", "payment due date"),
    "email": ("email", "e mail", "emailadres", "e mailadres", "e mail adres", "mail", "email address",
              "e mail address"),
    "telefoon": ("telefoon", "telefoonnummer", "tel", "telefoonnr", "mobiel", "mobielnummer", "phone",
                 "phone number", "telephone", "mobile"),
    "iban": ("iban", "iban nr", "iban nummer", "bankrekening", "bankrekeningnummer", "rekeningnummer",
             "bank account", "bank account number"),
    "orderreferentie": ("orderreferentie", "ordernummer", "order nummer", "inkoopordernummer", "uw referentie",
                        "uw kenmerk", "kenmerk", "referentie", "factuurreferentie", "order reference", "order",
                        "order number", "your ref", "yourref", "your reference", "reference", "po number",
                        "purchase order"),
    "omschrijving": ("omschrijving", "omschrijving factuur", "beschrijving", "onderwerp", "geleverd", "levering",
                     "description", "subject", "details"),
    "valuta": ("valuta", "valutacode", "munt", "currency", "currencycode", "currency code"),
    "soort": ("soort", "type", "documentsoort", "documenttype", "factuurtype", "boekingstype", "document type",
              "invoice type", "kind"),
    "kvk": ("kvk", "kvk nummer", "kvknummer", "nummer kvk", "kamer van koophandel", "coc", "coc number",
            "chamber of commerce"),
    "aanspreekvorm": ("aanspreekvorm", "aanspreken met", "u of je", "je of u", "je u", "u je",
                      "form of address", "address form"),
    "btwnummer": ("btw nummer", "btwnummer", "btw id", "btw identificatienummer", "vat number", "vat id",
                  "vatnumber", "vat"),
}

#: Names that mean this field only when no more specific column claims it
#: ("Relatie" is the customer's name in one export and its code in another).
_WEAK: dict[str, tuple[str, str]] = {
    "relatie": ("klant", "klantnummer"),
    "debiteur": ("klant", "klantnummer"),
}


def normalise(header: object) -> str:
    text = unicodedata.normalize("NFKD", str(header or "")).encode("ascii", "ignore").decode()
    text = re.sub(r"[\s._\-/:()\[\]*#]+", " ", text.lower()).strip()
    return re.sub(r"\s+(?:eur|euro|in eur)$", "", text)


_LOOKUP = {normalise(name): field for field, names in _SYNONYMS.items() for name in names}


def recognise(header: object, extra: dict[str, str] | None = None) -> str | None:
    """The field a header names (mapping file first), ``IGNORE``, or None."""
    key = normalise(header)
    if extra and key in extra:
        return extra[key]
    return _LOOKUP.get(key)


def assign(headers: list[object], extra: dict[str, str] | None = None) -> tuple[dict[str, int], list[str]]:
    """Map field → column index for a header row; also return Dutch notes on doubles."""
    fields: dict[str, int] = {}
    notes: list[str] = []
    weak: list[tuple[int, tuple[str, str]]] = []
    for index, header in enumerate(headers):
        field = recognise(header, extra)
        if field is None and normalise(header) in _WEAK:
            weak.append((index, _WEAK[normalise(header)]))
            continue
        if field is None or field == IGNORE:
            continue
        if field in fields:
            notes.append(f"kolom '{header}' is ook {field}; de eerste kolom wordt gebruikt")
            continue
        fields[field] = index
    for index, (strong, fallback) in weak:
        if strong not in fields:
            fields[strong] = index
        elif fallback not in fields:
            fields[fallback] = index
    return fields, notes


def score(headers: list[object], extra: dict[str, str] | None = None) -> int:
    """How much a row looks like the header row (number of recognised fields)."""
    fields, _ = assign(headers, extra)
    return len(fields) + (2 if "factuurnummer" in fields else 0)
