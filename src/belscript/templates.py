"""The ``{field}`` templates scripts use, and the fixed set of fields they may name.

Besides fields, a line the caller says can hold the two forms of address side by side:
``{u|je}``, ``{Kunt u|Kun je}``, ``{uw|je}`` (the polite form first, the first-name form
second). :func:`fill` keeps one of them, after the customer file's ``aanspreekvorm``,
so one script serves customers you call ``u`` and customers you call ``je``.

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
    "ontvangst_bevestigd": "wanneer de klant liet weten dat de factuur was aangekomen, in woorden (leeg als onbekend)",
    "groet": "'Goedemorgen', 'Goedemiddag' of 'Goedenavond', naar de tijd van het gesprek",
    "namens": "leeg, of ', ik bel namens Jan de Vries' als u voor iemand anders belt (beller: namens: in het dossier)",
    # The next four come from the script's own agreement policy, so texts stay right
    # when a script that `extends:` another one changes only the limits.
    "max_uitstel": "het langste uitstel dat u wilt geven, bijvoorbeeld '14 dagen' (uit de afspraakgrenzen)",
    "max_termijnen": "het grootste aantal termijnen dat u wilt geven (uit de afspraakgrenzen)",
    "eerste_termijn": "de minimale eerste termijn, bijvoorbeeld '25%' of '€ 250,00' (uit de afspraakgrenzen)",
    "uiterste_termijn": "hoe ver vooruit een betaaldatum hooguit mag liggen, bijvoorbeeld '90 dagen' (uit de afspraakgrenzen)",
}


def greeting(hour: int) -> str:
    """How a Dutch call opens at this hour of the day."""
    return "Goedemorgen" if hour < 12 else "Goedemiddag" if hour < 18 else "Goedenavond"


_FIELD = re.compile(r"\{([a-z_]+)\}")
#: ``{u-form|je-form}``: two alternatives, neither holding braces or another bar.
ALTERNATIVES = re.compile(r"\{([^{}|\n]*)\|([^{}|\n]*)\}")


def pick_form(text: str, form: str = "u") -> str:
    """Keep the ``u`` (first) or ``je`` (second) alternative of every ``{…|…}`` in ``text``."""
    side = 2 if form == "je" else 1
    return ALTERNATIVES.sub(lambda m: m.group(side), text)


def fill(text: str, values: dict[str, str], *, form: str = "u") -> str:
    """Choose the form of address, then fill ``{field}`` placeholders; unknown fields are
    left visible rather than guessed. Values are inserted after the choice, so a name
    with a ``|`` or braces in it is never read as a template."""
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), pick_form(text, form))
