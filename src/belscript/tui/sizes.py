"""How big each panel of the call screen is, for a terminal of a given size (pure arithmetic).

Every window gets an exact size from these functions: then prompt_toolkit never
measures panel contents nor distributes space cell by cell, which keeps a redraw (and
so a keystroke) within a few milliseconds. A small terminal (fewer than
:data:`COMPACT_ROWS` rows or :data:`COMPACT_COLS` columns, such as 80x24) gets the
one-column layout.
"""

from __future__ import annotations


#: Below this many rows or columns the call screen uses its compact, one-column layout.
COMPACT_ROWS = 32
COMPACT_COLS = 88


def is_compact(rows: int, cols: int) -> bool:
    """True for a terminal too small for panels side by side (80x24 is the classic size)."""
    return rows < COMPACT_ROWS or cols < COMPACT_COLS


def compact_sizes(rows: int, cols: int, *, feedback: int, customer: bool, options: int, message: int,
                   agreement: int, say: int = 3) -> dict[str, int]:
    """Heights of the open sections of the compact call layout (each includes its title row).

    ``options``, ``message``, ``agreement`` and ``say`` are the rows the options, the latest
    message, the agreement summary and the line to say need. Each section gets what it
    needs within limits (the messages up to six rows, so a refusal with what is missing
    fits). When rows run short the messages give way first, then the agreement, then the
    customer pane (to its latest two lines), then the line to say (to one line and "… meer met PageDown"), then the messages (to
    the latest line), and the options last:
    an option is never cut while another section still shows blank rows. Rows left over
    go to the line to say.
    """
    avail = max(10, rows - 3 - feedback)
    agr = 1 + max(2, min(3, agreement))
    msgs = 1 + max(2, min(6, message))
    opts = 1 + max(1, options)
    cust = 4 if customer else 0
    said = min(4, 1 + max(1, say))
    sizes = {"msgs": msgs, "agr": agr, "said": said, "cust": cust, "opts": opts}
    over = sum(sizes.values()) - avail
    floors = (("msgs", 3), ("agr", 3), ("cust", 3 if customer else 0), ("said", min(said, 3)), ("msgs", 2),
              ("opts", 3))
    for name, floor in floors:
        if over <= 0:
            break
        cut = max(0, min(over, sizes[name] - floor))
        over -= cut
        sizes[name] -= cut
    msgs, agr, cust, opts = sizes["msgs"], sizes["agr"], sizes["cust"], sizes["opts"]
    say = max(2, avail - agr - msgs - opts - cust)
    return {"rows": rows, "cols": cols, "feedback": feedback, "customer": cust, "say": say, "options": opts,
            "agreement": agr, "messages": msgs, "main": avail - msgs, "left": cols, "right": cols}


def layout_sizes(rows: int, cols: int, phase: str, *, feedback: int, customer: bool,
                  needs: tuple[int, int] | None = None) -> dict[str, int]:
    """Exact heights and widths of every panel for a terminal of ``rows`` x ``cols``.

    ``needs`` is the (options, say) text rows of the current step: the options panel
    gets what it needs (up to half the column), the line to say what it needs (a recap
    to read back can be long), and the tips what is left.
    """
    messages = 8 if rows >= COMPACT_ROWS else 4
    main = max(6, rows - 3 - feedback - messages)
    left = cols // 2 if phase == "prepare" else cols * 3 // 5
    sizes = {"rows": rows, "cols": cols, "messages": messages, "feedback": feedback, "main": main,
             "left": left, "right": cols - left}
    cust = min(6, main // 4) if customer else 0
    rest = main - cust
    if needs is None:
        sizes.update(customer=cust, say=rest * 3 // 8, options=rest * 3 // 8)
    else:
        options = max(4, min(needs[0] + 2, rest // 2))
        say = max(5, min(needs[1] + 2, rest - options - 3))  # the tips keep one row; F2 shows them all
        sizes.update(customer=cust, say=say, options=options)
    sizes["tips"] = rest - sizes["say"] - sizes["options"]
    sizes.update(agreement=main * 3 // 8, dossier=main * 3 // 8)
    sizes["notes"] = main - sizes["agreement"] - sizes["dossier"]
    return sizes
