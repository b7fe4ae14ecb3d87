"""The store's side of ``belscript call``: claim the customer, mirror the call log, release.

Used by ``cmd_call`` only. When a store is configured (``BELSCRIPT_DATABASE`` or
``database = "…"`` in ``config.toml``, or a local ``belscript.db`` made by an import)
the customer of the call (the customer file's ``klantnummer``) is claimed before the
screen opens, so a colleague already calling them is named and the call refused;
``--resume`` by the same caller takes the claim up again. When the shared server
cannot be reached at the start, the caller is told calmly that the customer cannot be
claimed and asked whether to call anyway (``--zonder-reservering`` says yes at once). Every event of the call is
then also written to the store through ``Journal.mirror``. Without a store nothing
here is imported beyond the settings, and nothing changes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from belscript.clock import Clock


class TeamCall:
    """The open store, the mirror on the call log, and the claim, for one call."""

    def __init__(self, store: Any, mirror: Any) -> None:
        self.store = store
        self.mirror = mirror

    def close(self, model: Any) -> None:
        """After the screen closed: release the claim (finished, or unworked when no call began).

        ``model`` is None when the screen failed; the claim then stays for ``--resume``.
        """
        try:
            call = getattr(model, "call", None)
            if model is None:
                pass  # the screen failed: keep the claim for --resume; it expires otherwise
            elif call is None:
                self.mirror.finish(worked=False)
            elif call.ended:
                self.mirror.finish(worked=True)
            else:
                self.store.flush_spool()  # paused: the claim stays for --resume, until it expires
        finally:
            self.store.close()


def caller_name(home: os.PathLike[str] | None = None) -> str:
    """The caller's name from the settings (``BELSCRIPT_CALLER`` or ``config.toml`` in
    ``home``), for the call log.

    Without a ``config.toml`` the environment is all there is to read, and the store
    package (whose records cost ~40 ms to import) is not loaded before the first frame.
    """
    from pathlib import Path

    named = os.environ.get("BELSCRIPT_CALLER", "").strip()
    if home is not None and (named or not (Path(home) / "config.toml").exists()):
        return named
    from belscript.store.settings import load_settings

    return load_settings(home).caller or ""


def store_configured() -> bool:
    """Whether this computer uses a store: a shared database is set, or a local one exists."""
    from belscript.store.settings import STORE_DB, load_settings

    settings = load_settings()
    return settings.engine == "postgresql" or (settings.home / STORE_DB).exists()


#: Asked before a call whose customer cannot be claimed because the server is away.
OFFLINE_START = ("{problem}, dus belscript kan deze klant nu niet voor u reserveren: een collega kan "
                 "dezelfde klant intussen ook bellen. U kunt het gesprek wel voeren; "
                 "alles wat u vastlegt, wordt op deze computer bewaard en verstuurd zodra de verbinding terug is.")
#: Shown on the call screen after the caller agreed to call unclaimed.
NOT_CLAIMED = ("Deze klant is niet voor u gereserveerd: de gedeelde database was bij de start niet bereikbaar. "
               "Zodra die terug is, reserveert belscript de klant alsnog.")


def begin(journal: Any, model: Any, *, clock: Clock, confirm_offline: Callable[[str], bool] | None = None
          ) -> TeamCall | None:
    """Claim the model's customer and hang the mirror on ``journal``; None without a store.

    Raises a Dutch :class:`~belscript.store.StoreRefused` when another caller holds the
    customer ("Marieke belt deze klant al (sinds 10:42)"). When the shared database
    cannot be reached at the start, ``confirm_offline`` is asked (with
    :data:`OFFLINE_START`) whether to call without a claim; yes: the call's events go
    to the local spool and the customer is claimed once the server answers; no (or no
    question): :class:`~belscript.store.StoreUnavailable`.
    """
    home = getattr(journal, "home", None)
    if home is not None and not (os.environ.get("BELSCRIPT_DATABASE", "").strip() or (home / "config.toml").exists()
                                 or (home / "belscript.db").exists()):
        return None  # no store: skip even importing it (start-up time of the call screen)
    if not store_configured():
        return None
    from belscript.store import StoreUnavailable, offline_store, open_store
    from belscript.store.calllog import CallMirror, installation_id

    number = model.dossier.customer.number
    try:
        store = open_store(clock=clock)
        offline = False
    except StoreUnavailable as exc:
        store = offline_store(clock=clock)
        offline = True
        try:
            store.caller_name()  # a team needs names, also offline
            if confirm_offline is None or not confirm_offline(OFFLINE_START.format(problem=exc.message[:1].upper() + exc.message[1:])):
                raise StoreUnavailable(f"{exc.message}; zonder de gedeelde database kan belscript niet zien of een "
                                       "collega deze klant al belt", hint="Probeer het zo nog eens, vraag de beheerder "
                                       "of de server draait, of bel toch met --zonder-reservering.") from None
        except BaseException:
            store.close()
            raise
    try:
        customer_id, claimed = (None, False) if offline else _claim(store, number)
        mirror = CallMirror(store, installation=installation_id(store.settings.home), customer_id=customer_id,
                            claimed=claimed, notify=model.info, customer_number=number if offline else None)
        call_id = getattr(model, "call_id", None)
        if call_id is not None:  # --resume: what a crash kept from the store arrives now, once
            mirror.resend(call_id, journal.events(call_id))
    except BaseException:
        store.close()
        raise
    journal.mirror = mirror
    mirror.offline = offline  # said once below; the screen hears again when the server is back
    if offline:
        model.info(NOT_CLAIMED, "warn")
    elif mirror.claimed:
        model.info(f"Deze klant is voor u gereserveerd ({store.caller}); collega's zien dat u belt.")
    return TeamCall(store, mirror)


def ask_offline(text: str, *, answer: Callable[[str], str] | None = None) -> bool:
    """Print ``text`` and ask whether to call without a claim; only 'j' or 'ja' goes on."""
    print(text)
    try:
        reply = (answer or input)("Toch bellen, zonder reservering? [j/N] ")
    except EOFError:
        return False
    return reply.strip().lower() in ("j", "ja")


def confirmer(without_asking: bool) -> Callable[[str], bool]:
    """How ``call`` confirms calling unclaimed: at once (``--zonder-reservering``), or by asking."""
    return (lambda text: True) if without_asking else ask_offline


def _claim(store: Any, number: str | None) -> tuple[int | None, bool]:
    """The customer's id in the store and whether this caller now holds them."""
    from belscript.store import StoreRefused

    if not number:
        return None, False
    customer = store.customer(number)
    if customer is None:
        return None, False
    if not store.caller:
        if store.engine == "postgresql":
            store.claim(customer.id)  # raises the Dutch "no caller name" refusal with its hint
        return customer.id, False
    if store.claim(customer.id) is not None:
        return customer.id, True
    holder = store.claim_of(customer.id)
    who = holder.caller if holder else "Een collega"
    since = f" (sinds {holder.claimed_at:%H:%M})" if holder else ""
    raise StoreRefused(f"{who} belt deze klant al{since}",
                       hint="Kies een andere klant; zodra het gesprek klaar is, is deze klant weer vrij.")
