"""The read-back in a real terminal (tmux): every line of a 3-instalment recap can be read, at every size."""

from __future__ import annotations

import re
import shutil

import pytest

from test_e2e_call import Tmux

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed; the end-to-end tests need it"),
]

#: What a 3-instalment plan from 30 November must read back, in this order (demo customer file, € 2.813,00 open).
EXPECTED = ["3 termijnen", "€ 940", "30 november", "€ 940", "30 december", "€ 933", "1 februari",
            "€ 2.813", "2026-0142", "2026-0157", "aanmaning", "incassokosten", "Klopt dit zo?"]


def _say_rows(screen: str) -> tuple[list[str], bool]:
    """The rows of the 'Zeg nu' panel as drawn, and whether its border says there is more."""
    rows = screen.splitlines()
    top = next(i for i, r in enumerate(rows) if "Zeg nu:" in r)
    more = "▼ meer met PageDown" in rows[top]
    out = []
    if rows[top].startswith("──"):  # the compact layout: an open section up to the next title rule
        for row in rows[top + 1:]:
            if row.startswith("── "):
                break
            out.append(row.strip())
        return out, more
    right = rows[top].index("┐")
    for row in rows[top + 1:]:
        if row.startswith("└"):
            more = more or "▼ meer met PageDown" in row[:right + 1]
            break
        out.append(row[1:right].strip())
    return out, more


def _read_all(tmux: Tmux, title: str) -> list[str]:
    """Page through the line to say with PageDown; the pages joined without their overlap."""
    screen = tmux.wait_for(title)
    lines, more = _say_rows(screen)
    for _ in range(30):
        if not more:
            break
        before = screen
        tmux.keys("PageDown")
        screen = _wait_changed(tmux, before)
        page, more = _say_rows(screen)
        overlap = next(k for k in range(min(len(lines), len(page)), -1, -1) if lines[len(lines) - k:] == page[:k])
        assert overlap < len(page), f"PageDown showed nothing new:\n{screen}"
        lines += page[overlap:]
    assert not more, "still more to read after 30 pages"
    return lines


def _wait_changed(tmux: Tmux, before: str) -> str:
    import time

    deadline = time.monotonic() + 10
    while (screen := tmux.screen()) == before:
        assert time.monotonic() < deadline, f"PageDown changed nothing:\n{screen}"
        time.sleep(0.05)
    return screen


def _in_order(text: str, expected: list[str]) -> None:
    flat = re.sub(r"\s+", " ", text)
    at = 0
    for part in expected:
        found = flat.find(part, at)
        assert found >= 0, f"{part!r} not found (in order) after position {at} in:\n{flat}"
        at = found + len(part)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 35)])
def test_every_amount_and_date_of_a_three_instalment_plan_can_be_read_back_at_every_size(tmp_path, size):
    """At 80x24, 100x30 and 120x35 PageDown pages through the whole recap (at the recap step and after
    /einde) without skipping a line: every amount and date appears on screen, in order."""
    tmux = Tmux(tmp_path / "home", "call --demo", size=size)
    try:
        tmux.wait_for("Wat nog ontbreekt")
        tmux.keys("Enter")
        tmux.wait_for("Zeg nu: Opening")
        tmux.line("/naam Ingrid van Dijk", "U spreekt met Ingrid van Dijk")
        tmux.line("1", "Zeg nu: Doel van het gesprek")
        tmux.line("1", "Zeg nu: Luisteren")
        tmux.line("1", "Zeg nu: Afspraak vastleggen")
        tmux.line("/afspraak termijnen 3 termijnen vanaf 30 november", "De afspraak is concreet")
        tmux.line("1", "Zeg nu: Samenvatten en bevestigen")
        _in_order(" ".join(_read_all(tmux, "Zeg nu: Samenvatten en bevestigen")), EXPECTED)
        tmux.line("/einde", "Zeg nu: de afspraken teruglezen")
        _in_order(" ".join(_read_all(tmux, "Zeg nu: de afspraken teruglezen")), EXPECTED)
    finally:
        tmux.close()
