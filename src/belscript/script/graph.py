"""Draw a script: Mermaid (for Markdown and docs) and Graphviz DOT (for SVG and PNG).

A drawing is the fastest way for an author to see whether a script flows the way she
meant, and the reader is usually not a programmer: conditions are written as Dutch
clauses ("als er klachten zijn"), labels are wrapped rather than cut off, and only
plain letters are used (no emoji, which many systems draw as an empty box). Steps are
coloured by their role, end steps have a double green border, the excuse list is one
hub node that opens every handler (so twenty listening steps do not need twenty arrows
per excuse), and every option that may enter an end step because of
``agreement_is_concrete`` or ``no_agreement_recorded`` is a thick green arrow: the
places where the call is allowed to end. The Graphviz picture reads from left to right
along the main path, with the excuses grouped in a box of their own, and is scaled to
fit a landscape A3 page.

Both formats are built from the same :mod:`belscript.script.verify.flow` graph the
checks use. Rendering to SVG or PNG runs Graphviz's ``dot`` program when it is
installed (no network, no Python bindings needed).
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap

from belscript.errors import BelscriptError, UsageError
from belscript.script.models import Role, Script
from belscript.script.verify.flow import LIBRARY, Edge, Flow, Node, build_flow

FORMATS = ("mermaid", "dot", "svg", "png")

#: Fill colour per role (light, readable with black text), also used in the legend.
ROLE_COLOURS: dict[Role, str] = {
    Role.preparation: "#e8eaf6",
    Role.opening: "#e3f2fd",
    Role.purpose: "#e0f7fa",
    Role.listening: "#e8f5e9",
    Role.excuse: "#fff3e0",
    Role.offer: "#fffde7",
    Role.agreement: "#dcedc8",
    Role.recap: "#f3e5f5",
    Role.closing: "#eceff1",
    Role.evaluation: "#fce4ec",
}
#: Dutch role names, as shown under each step title.
ROLE_NAMES: dict[Role, str] = {
    Role.preparation: "voorbereiding",
    Role.opening: "opening",
    Role.purpose: "doel van het gesprek",
    Role.listening: "luisteren",
    Role.excuse: "excuus",
    Role.offer: "aanbod",
    Role.agreement: "afspraak",
    Role.recap: "samenvatten",
    Role.closing: "afsluiting",
    Role.evaluation: "evaluatie",
}
HANDLER_COLOUR = "#ffe0b2"
LIBRARY_COLOUR = "#ffcc80"
#: Every condition as the Dutch clause that follows "als" on an arrow.
CONDITION_WORDS: dict[str, str] = {
    "agreement_is_concrete": "de afspraak concreet is",
    "no_agreement_recorded": "'geen afspraak' is vastgelegd",
    "has_contact_person": "de naam van de gesprekspartner genoteerd is",
    "has_complaints": "er klachten zijn",
    "has_reminders": "er al een herinnering is verstuurd",
    "has_earlier_agreement": "er eerder een afspraak is gemaakt",
    "earlier_agreement_broken": "een eerdere afspraak niet is nagekomen",
    "receipt_confirmed": "de klant liet weten dat de factuur binnen was",
    "is_overdue": "de vervaldatum voorbij is",
    "is_before_due_date": "de vervaldatum nog niet voorbij is",
    "is_golden_hour": "het een gouden beluur is",
}
#: How a guarded end edge is labelled (drawn as a thick green arrow).
GUARD_LABELS = {
    "agreement_is_concrete": "einde: de afspraak is concreet",
    "no_agreement_recorded": "einde: 'geen afspraak' vastgelegd",
}
#: Line width of wrapped labels: nodes and arrows.
NODE_WIDTH = 22
EDGE_WIDTH = 26
#: Largest picture in inches (landscape A3 minus margins) and its resolution.
PAGE_SIZE = "16,11"
DPI = 100
LEGEND = ("Lees van links naar rechts. Dikke groene pijl: hier mag het gesprek eindigen. "
          "Oranje pijl: naar een excuus. Dubbele rand: einde van het gesprek.")


class GraphvizMissing(UsageError):
    """SVG or PNG was asked for, but Graphviz's ``dot`` program is not installed."""


def _wrap(text: str, width: int = NODE_WIDTH) -> str:
    """Whole text on several lines of at most ``width`` characters (never cut off)."""
    return "\n".join(textwrap.wrap(" ".join(text.split()), width, break_long_words=False)) or text


def condition_words(name: str) -> str:
    """``als`` and the Dutch clause of a condition (the name itself only if unknown)."""
    return f"als {CONDITION_WORDS.get(name, name)}"


def _edge_label(flow: Flow, edge: Edge) -> str:
    """The text on an arrow: guard first (it matters most), then number and label."""
    parts = []
    if edge.guarded and flow.is_end(edge.target):
        parts.append(GUARD_LABELS[edge.guard])  # type: ignore[index]
    elif edge.guard:
        parts.append(_wrap(condition_words(edge.guard), EDGE_WIDTH))
    if edge.kind == "option":
        parts.append(_wrap(f"{edge.nr}. {edge.label or ''}", EDGE_WIDTH))
    elif edge.kind == "return":
        parts.append("verder")
    return "\n".join(parts)


def _node_text(flow: Flow, node: Node) -> tuple[str, str]:
    """Title and subtitle of a node."""
    kind, ident = node
    if kind == "step":
        step = flow.script.steps[ident]
        title = _wrap(step.title or ident)
        role = ROLE_NAMES[step.role]
        sub = "" if role.lower() == title.lower() else role
        if step.end:
            sub = f"{sub} · einde" if sub else "einde"
        return title, sub
    if kind == "excuse":
        return _wrap(flow.script.excuses[ident].label), "excuus"
    return "Excuses", "lijst met excuses"


def _is_bold(flow: Flow, edge: Edge) -> bool:
    return edge.guarded and flow.is_end(edge.target)


# -- Mermaid --------------------------------------------------------------------------

def _mermaid_text(text: str) -> str:
    return (text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
            .replace("\n", "<br/>"))


def to_mermaid(script: Script) -> str:
    """A Mermaid flowchart of ``script`` (paste it into Markdown inside a ```mermaid block)."""
    flow = build_flow(script)
    ids = {node: f"n{i}" for i, node in enumerate(flow.nodes())}
    lines = ["flowchart TD"]
    if script.title:
        lines.insert(0, f"%% {_mermaid_text(script.title)}")
    for node, nid in ids.items():
        title, sub = _node_text(flow, node)
        label = f'"{_mermaid_text(title)}<br/><i>{_mermaid_text(sub)}</i>"' if sub else f'"{_mermaid_text(title)}"'
        kind, ident = node
        if kind == "step":
            step = script.steps[ident]
            shape = f"([{label}])" if step.end else f"[{label}]"
            lines.append(f"    {nid}{shape}:::{step.role.value}{'_end' if step.end else ''}")
        elif kind == "excuse":
            lines.append(f"    {nid}[/{label}/]:::handler")
        else:
            lines.append(f"    {nid}{{{{{label}}}}}:::library")
    for edge in flow.edges:
        text = _mermaid_text(_edge_label(flow, edge)).replace("\n", "<br/>")
        if _is_bold(flow, edge):
            arrow = "==>"
        elif edge.kind in ("offers", "handler"):
            arrow = "-.->"
        else:
            arrow = "-->"
        label = f'|"{text}"|' if text else ""
        lines.append(f"    {ids[edge.source]} {arrow}{label} {ids[edge.target]}")
    used = {(step.role, step.end) for step in script.steps.values()}
    for role, colour in ROLE_COLOURS.items():
        if (role, False) in used:
            lines.append(f"    classDef {role.value} fill:{colour},stroke:#607d8b,color:#000")
        if (role, True) in used:
            lines.append(f"    classDef {role.value}_end fill:{colour},stroke:#1b5e20,stroke-width:3px,color:#000")
    if script.excuses:
        lines.append(f"    classDef handler fill:{HANDLER_COLOUR},stroke:#e65100,color:#000")
        lines.append(f"    classDef library fill:{LIBRARY_COLOUR},stroke:#e65100,color:#000")
    return "\n".join(lines) + "\n"


# -- Graphviz DOT ---------------------------------------------------------------------

def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot_id(node: Node) -> str:
    kind, ident = node
    return _dot_text("library" if node == LIBRARY else f"{kind}:{ident}")


def _dot_node(flow: Flow, node: Node) -> str:
    title, sub = _node_text(flow, node)
    kind, ident = node
    step = flow.script.steps[ident]
    if step.offers_excuses and flow.script.excuses and not step.end:
        sub = f"{sub}, excuses mogelijk" if sub else "excuses mogelijk"
    attrs = [f"label={_dot_text(title + (chr(10) + sub if sub else ''))}", f'fillcolor="{ROLE_COLOURS[step.role]}"']
    if step.end:
        attrs += ["peripheries=2", "penwidth=2", 'color="#1b5e20"']
    return f"{_dot_id(node)} [{', '.join(attrs)}];"


def _html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "<BR/>"))


def _title(flow: Flow, kind: str, ident: str | None) -> str:
    if kind == "step" and ident in flow.script.steps:
        return flow.script.steps[ident].title or ident
    if kind == "excuse" and ident in flow.script.excuses:
        return flow.script.excuses[ident].label
    return ident or ""


def _excuse_table(flow: Flow) -> str:
    """All excuses as one table under the drawing: what the customer says, where the call goes on.

    One table instead of a node and two arrows per excuse keeps the picture readable:
    the excuse list can be opened at every step marked "excuses mogelijk".
    """
    script = flow.script
    rows = ['<TR><TD COLSPAN="2" BGCOLOR="#ffcc80" ALIGN="LEFT"><B>Excuses</B>: te openen bij elke stap met '
            '&quot;excuses mogelijk&quot;</TD></TR>']
    for excuse in script.excuses.values():
        onward = [_title(flow, "step", excuse.go)]
        for _, opt in script.numbered_options(excuse.options):
            kind, where = ("step", opt.go) if opt.go is not None else ("excuse", opt.excuse)
            shown = _title(flow, kind, where)
            if shown not in onward:
                onward.append(shown)
        text = "verder bij: " + onward[0] + ("" if len(onward) == 1 else " (of: " + ", ".join(onward[1:]) + ")")
        rows.append(f'<TR><TD ALIGN="LEFT" BGCOLOR="{HANDLER_COLOUR}">{_html(excuse.label)}</TD>'
                    f'<TD ALIGN="LEFT" BALIGN="LEFT">{_html(_wrap(text, 70))}</TD></TR>')
    return (f'<TABLE BORDER="1" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4" COLOR="#e65100" '
            f'BGCOLOR="#fff8e1">{"".join(rows)}</TABLE>')


def to_dot(script: Script) -> str:
    """A Graphviz DOT digraph of ``script``: main path left to right, excuses in one table.

    Arrows that lead back to an earlier step do not push steps to the right, so the
    columns follow the call's forward direction.
    """
    flow = build_flow(script)
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="20"><B>{_html(script.title)}</B></FONT></TD></TR>',
            f'<TR><TD ALIGN="LEFT">{_html(LEGEND)}</TD></TR>']
    if script.excuses:
        rows.append(f'<TR><TD ALIGN="LEFT">{_excuse_table(flow)}</TD></TR>')
    out = [
        f"digraph {_dot_text(script.name)} {{",
        f'    label=<<TABLE BORDER="0" CELLSPACING="4">{"".join(rows)}</TABLE>>; labelloc=t; labeljust=l;',
        f'    fontname="Helvetica"; fontsize=16; rankdir=LR; size="{PAGE_SIZE}"; dpi={DPI};',
        "    nodesep=0.45; ranksep=0.7; newrank=true;",
        '    node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=12, margin="0.12,0.06"];',
        '    edge [fontname="Helvetica", fontsize=10, color="#455a64"];',
    ]
    steps = [node for node in flow.nodes() if node[0] == "step"]
    out.extend(f"    {_dot_node(flow, node)}" for node in steps)
    ends = " ".join(_dot_id(node) for node in steps if flow.is_end(node))
    if ends:
        out.append(f"    {{ rank=sink; {ends} }}")  # the call ends at the right-hand side
    opened = {edge.target for edge in flow.edges if edge.kind == "option" and edge.target[0] == "excuse"
              and edge.source[0] == "step"}
    for kind, ident in sorted(opened):
        label = _wrap("excuus: " + script.excuses[ident].label)
        out.append(f'    {_dot_id((kind, ident))} [label={_dot_text(label)}, shape=note, style=filled, '
                   f'fillcolor="{HANDLER_COLOUR}"];')
    order = {node: i for i, node in enumerate(_forward_order(flow) if flow.has_start else steps)}
    for edge in flow.edges:
        if edge.kind in ("offers", "handler", "return") or edge.source[0] != "step":
            continue  # shown in the excuse table
        attrs = []
        text = _edge_label(flow, edge)
        if text:
            attrs.append(f"label={_dot_text(text)}")
        if _is_bold(flow, edge):
            attrs += ["style=bold", "penwidth=3", 'color="#1b5e20"', 'fontcolor="#1b5e20"']
        target = _dot_id(edge.target)
        if edge.target[0] == "excuse":
            attrs += ['color="#e65100"', 'fontcolor="#e65100"']
        if edge.target in order and order[edge.target] <= order.get(edge.source, -1) and not flow.is_end(edge.target):
            attrs.append("constraint=false")
        tail = f" [{', '.join(attrs)}]" if attrs else ""
        out.append(f"    {_dot_id(edge.source)} -> {target}{tail};")
    out.append("}")
    return "\n".join(out) + "\n"


def _forward_order(flow: Flow) -> list[Node]:
    """Steps in the order a call first meets them (breadth-first from the start, options only)."""
    seen = [flow.start]
    known = {flow.start}
    i = 0
    while i < len(seen):
        for edge in flow.out.get(seen[i], ()):
            if edge.kind == "option" and edge.target[0] == "step" and edge.target not in known \
                    and not flow.is_end(seen[i]):
                known.add(edge.target)
                seen.append(edge.target)
        i += 1
    seen += [node for node in flow.nodes() if node[0] == "step" and node not in known]
    return seen


def render_image(script: Script, fmt: str) -> bytes:
    """Render ``script`` as ``svg`` or ``png`` with Graphviz's ``dot`` program."""
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizMissing(
            f"drawing {fmt.upper()} needs Graphviz's 'dot' program, which is not installed",
            hint="Install Graphviz (e.g. 'sudo apt install graphviz' or 'brew install graphviz'), "
                 "or use --format mermaid or --format dot.",
        )
    try:
        done = subprocess.run([exe, f"-T{fmt}"], input=to_dot(script).encode("utf-8"),
                              capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BelscriptError(f"Graphviz could not draw the script: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit code {done.returncode}"
        raise BelscriptError(f"Graphviz could not draw the script: {message}")
    return done.stdout


def draw(script: Script, fmt: str) -> str | bytes:
    """The drawing of ``script`` in ``fmt`` (text for mermaid/dot, bytes for svg/png)."""
    if fmt == "mermaid":
        return to_mermaid(script)
    if fmt == "dot":
        return to_dot(script)
    if fmt in ("svg", "png"):
        return render_image(script, fmt)
    raise UsageError(f"unknown drawing format '{fmt}'; choose one of {', '.join(FORMATS)}")
