"""The simulated customer's voice: choosing a line, filling it in, saying a date.

A line comes from the persona's own lines or the standard reactions, is not said twice
word for word in one call, and gets the speaker's name, the payer, the amount and a
greeting that fits the hour filled in. :class:`CustomerVoice` is the part of
:class:`~belscript.practice.customer.SimulatedCustomer` that speaks.
"""

from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from belscript.dutch import WEEKDAYS
from belscript.money import format_amount
from belscript.practice.customer_state import CustomerState, Reply
from belscript.practice.persona import Persona, Willingness

_FIELD = re.compile(r"\{([a-z_]+)\}")
_SENTENCE_END = re.compile(r"[.!?…]\s+$")
#: A sentence the customer repeats gets this in front, so it sounds like a person repeating
#: themselves rather than a recording.
AGAIN = "Zoals ik al zei: "


class CustomerVoice:
    """Speaking: the customer's lines, filled in and never repeated word for word."""

    persona: Persona
    hidden: Willingness
    reactions: dict[str, list[str]]
    rng: random.Random
    today: date
    now: datetime
    amount_due: Decimal
    disputed: Decimal
    undisputed: Decimal
    speaker: str
    payer: str
    state: CustomerState

    def _fill(self, template: str, values: dict[str, str]) -> str:
        hour = self.now.hour
        base = {
            "spreker": self.speaker,
            "achternaam": _surname(self.speaker),
            "betaler": self.payer,
            "terug": _in_days(self.hidden.payer_back_days, self.today),
            "bedrag": format_amount(self.amount_due),
            "betwist": format_amount(self.disputed),
            "onbetwist": format_amount(self.undisputed),
            "groet": "goedemorgen" if hour < 12 else "goedemiddag" if hour < 18 else "goedenavond",
        }
        base.update(values)
        def value(m: re.Match) -> str:
            filled = base.get(m.group(1), m.group(0))
            # "… niets. {datum} kunt u bellen": a filled-in day starting a sentence gets a capital
            if _SENTENCE_END.search(template[:m.start()]):
                filled = filled[:1].upper() + filled[1:]
            return filled

        text = _FIELD.sub(value, template)
        return text[:1].upper() + text[1:]

    def _line(self, key: str, **values: str) -> str:
        """One line for ``key``: preferably one not said before in this call; a line said
        just before is not said again word for word."""
        own = self.persona.lines.get(key)
        primary = own or self.reactions.get(key) or self.reactions["neutral"]
        said = self.state.said
        fresh = [t for t in primary if self._fill(t, values) not in said]
        if not fresh and own and key in self.reactions and self.persona.temperament != "boos":
            # the standard lines as variation, once a persona's own lines are used up
            # (not for the angry customer: the friendly standard lines do not fit him)
            fresh = [t for t in self.reactions[key] if self._fill(t, values) not in said]
        last = said[-1] if said else None
        if fresh:
            template = self.rng.choice(fresh)
            text = self._fill(template, values)
        else:
            others = [t for t in primary if self._fill(t, values) != last]
            template = self.rng.choice(others or primary)
            text = self._fill(template, values)
            if text == last and len(text.split()) > 3:
                text = AGAIN + (text if template.startswith("{") else text[:1].lower() + text[1:])
        said.append(text)
        return text

    def _reply(self, key: str, kind: str | None = None, excuse: str | None = None, **values: str) -> Reply:
        return Reply(self._line(key, **values), kind or key, excuse)

    def _say(self, d: date) -> str:
        """A date as a customer says it: 'maandag 30 november' (with the year only when
        it is far off: a day and month without a year mean the nearest such day, to the
        screen as to the customer, see :func:`~belscript.agreement.dates.resolve_date`)."""
        from babel.dates import format_date

        pattern = "EEEE d MMMM" if 0 <= (d - self.today).days < 180 else "EEEE d MMMM y"
        return format_date(d, pattern, locale="nl")

    def _mark_raised(self, excuse: str) -> None:
        st = self.state
        if excuse in st.excuses_left:
            st.excuses_left.remove(excuse)
        if excuse not in st.raised:
            st.raised.append(excuse)
        st.purpose_heard = True

    def _raise(self, excuse: str, key: str | None = None) -> Reply:
        self._mark_raised(excuse)
        return self._reply(key or f"excuse:{excuse}", kind="excuse", excuse=excuse)


def _in_days(days: int, today: date) -> str:
    """When someone is back, as a colleague says it: 'morgen', 'overmorgen', 'donderdag'."""
    if days in (0, 1, 2):
        return ("vandaag", "morgen", "overmorgen")[days]
    if days < 7:
        return WEEKDAYS[(today + timedelta(days=days)).weekday()]
    return f"over {days} dagen"


def _surname(name: str) -> str:
    """'Rob Koster' -> 'Koster', 'Ingrid van Dijk' -> 'Van Dijk' (how people answer the phone)."""
    parts = name.split()
    if len(parts) < 2 or parts[0].rstrip(".").lower() in ("dr", "mr", "ir", "drs", "ing", "mevrouw", "meneer"):
        rest = " ".join(parts[1:]) or name
    else:
        rest = " ".join(parts[1:])
    return rest[:1].upper() + rest[1:]
