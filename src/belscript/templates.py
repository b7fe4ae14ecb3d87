"""The ``{field}`` templates scripts use, and the fixed set of fields they may name.

Kept apart from the customer-file models so that checking a script (which only needs
the field names) does not pay for building those models at start-up.
"""

from __future__ import annotations

import re

#: Every field a script may use in ``{…}``, with a Dutch description for authors.
TEMPLATE_FIELDS: dict[str, str] = {
    "klant": "naam van de klant (bedrijf of persoon)",
    "klantnummer": "klantnummer",
    "contactpersoon": "naam van de contactpersoon (of 'de financiële administratie')",
    "beller": "uw eigen naam",
    "bedrijf": "uw bedrijfsnaam",
    "factuurnummer": "nummer van de oudste openstaande factuur",
    "facturen": "alle openstaande factuurnummers, bijvoorbeeld '2026-0142 en 2026-0157'",
    "aantal_facturen": "aantal openstaande facturen",
    "bedrag": "openstaand bedrag van de oudste factuur, bijvoorbeeld € 1.250,50",
    "totaal": "totaal openstaand bedrag over alle facturen",
    "openstaand": "waar het gesprek over gaat: 'factuur 2026-0142 van € 2.450' of 'de facturen 2026-0142 en 2026-0157, samen € 2.813'",
    "factuurdatum": "factuurdatum van de oudste factuur, in woorden",
    "vervaldatum": "vervaldatum van de oudste factuur, in woorden",
    "dagen_te_laat": "aantal dagen sinds de vervaldatum",
    "geleverd": "wat er geleverd of gedaan is",
    "geleverd_op": "leverdatum, in woorden",
    "laatste_herinnering": "datum van de laatste herinnering of aanmaning, in woorden",
    "laatste_afspraak": "wat er bij het vorige contact is afgesproken",
    "betalingsvoorwaarden": "de betalingsvoorwaarden",
    "email_klant": "e-mailadres van de klant of contactpersoon",
    # The next four come from the script's own agreement policy, so texts stay right
    # when a script that `extends:` another one changes only the limits.
    "max_uitstel": "het langste uitstel dat u wilt geven, bijvoorbeeld '14 dagen' (uit de afspraakgrenzen)",
    "max_termijnen": "het grootste aantal termijnen dat u wilt geven (uit de afspraakgrenzen)",
    "eerste_termijn": "de minimale eerste termijn, bijvoorbeeld '25%' of '€ 250,00' (uit de afspraakgrenzen)",
    "uiterste_termijn": "hoe ver vooruit een betaaldatum hooguit mag liggen, bijvoorbeeld '90 dagen' (uit de afspraakgrenzen)",
}

_FIELD = re.compile(r"\{([a-z_]+)\}")


def fill(text: str, values: dict[str, str]) -> str:
    """Fill ``{field}`` placeholders; unknown ones are left visible rather than guessed."""
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), text)
