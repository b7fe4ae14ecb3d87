"""The names a script may use for conditions (``when:``) and actions (``do:``).

Scripts reference behaviour by name only; this table is the complete list, with a
Dutch explanation for authors. The engine implements each name (a test checks that it
implements exactly these), so a script can never make belscript run anything else.
"""

from __future__ import annotations

#: condition name -> what it means (Dutch, for authors and error messages)
CONDITIONS: dict[str, str] = {
    "agreement_is_concrete": "de afspraak is concreet: wie betaalt welk bedrag op welke datum, en wat als het niet gebeurt",
    "no_agreement_recorded": "er is uitdrukkelijk vastgelegd dat er geen afspraak is, met reden en vervolgmoment",
    "has_contact_person": "de naam van de gesprekspartner is genoteerd",
    "has_complaints": "het dossier vermeldt klachten over de levering of de factuur",
    "has_reminders": "er is al een herinnering of aanmaning verstuurd",
    "has_earlier_agreement": "bij een eerder contact is al een betaalafspraak gemaakt",
    "earlier_agreement_broken": "een eerdere betaalafspraak is niet nagekomen",
    "receipt_confirmed": "de klant heeft eerder laten weten dat de factuur is aangekomen",
    "is_overdue": "de vervaldatum van de oudste factuur is voorbij",
    "is_before_due_date": "de vervaldatum is nog niet bereikt (servicegesprek)",
    "is_golden_hour": "het is nu een gouden beluur (09:30–11:30 of 13:30–15:30 op een werkdag)",
}

#: action name -> what belscript does or notes for the caller (Dutch)
ACTIONS: dict[str, str] = {
    "send_invoice_copy": "een kopie van de factuur direct per e-mail sturen (komt in de bevestiging en op de takenlijst)",
    "note_complaint": "de klacht noteren en toezeggen dat u erop terugkomt",
    "announce_confirmation": "aankondigen dat de afspraken per e-mail worden bevestigd",
    "announce_next_steps": "de klant vertellen welke vervolgstappen volgen als er niet wordt betaald",
    "schedule_callback": "een terugbelafspraak op de takenlijst zetten",
    "ask_contact_name": "vragen met wie u spreekt en de naam noteren",
    "check_payment_received": "nagaan of de betaling al binnen is (bij 'al betaald')",
    "correct_invoice": "de factuur controleren en zo nodig een gecorrigeerde factuur sturen",
    "mark_recap_done": "vastleggen dat de afspraken zijn herhaald",
}
