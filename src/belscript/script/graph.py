"""Draw a script: Mermaid (for Markdown and docs) and Graphviz DOT (for SVG and PNG).

A drawing is the fastest way for an author to see whether a script flows the way she
meant. Steps are coloured by their role, end steps are drawn as rounded "stadium"
boxes, the excuse list is one hub node that opens every handler (so twenty listening
steps do not need twenty arrows per excuse), and every option that may enter an end
step because of ``agreement_is_concrete`` or ``no_agreement_recorded`` is drawn bold
with a lock ("🔒 afspraak concreet"): the places where the call is allowed to end.

Both formats are built from the same :mod:`belscript.script.verify.flow` graph the
checks use. Rendering to SVG or PNG runs Graphviz's ``dot`` program when it is
installed (no network, no Python bindings needed).
"""

from __future__ import annotations

import shutil
import subprocess

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
#: How a guarded end edge is labelled.
GUARD_LABELS = {
    "agreement_is_concrete": "🔒 afspraak concreet",
    "no_agreement_recorded": "🔒 geen afspraak vastgelegd",
}
MAX_LABEL = 40


class GraphvizMissing(UsageError):
    """SVG or PNG was asked for, but Graphviz's ``dot`` program is not installed."""


def _short(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _edge_label(flow: Flow, edge: Edge) -> str:
    """The text on an arrow: guard first (it matters most), then number and label."""
    parts = []
    if edge.guarded and flow.is_end(edge.target):
        parts.append(GUARD_LABELS[edge.guard])  # type: ignore[index]
    elif edge.guard:
        parts.append(f"als {edge.guard}")
    if edge.kind == "option":
        parts.append(f"{edge.nr}. {_short(edge.label or '')}")
    elif edge.kind == "return":
        parts.append("verder")
    return "\n".join(parts)


def _node_text(flow: Flow, node: Node) -> tuple[str, str]:
    """Title and subtitle of a node."""
    kind, ident = node
    if kind == "step":
        step = flow.script.steps[ident]
        title = _short(step.title or ident)
        role = ROLE_NAMES[step.role]
        sub = "" if role.lower() == title.lower() else role
        if step.end:
            sub = f"{sub} · einde" if sub else "einde"
        return title, sub
    if kind == "excuse":
        return _short(flow.script.excuses[ident].label), "excuus"
    return "Excuses", "lijst met excuses"


def _is_bold(flow: Flow, edge: Edge) -> bool:
    return edge.guarded and flow.is_end(edge.target)


# -- Mermaid --------------------------------------------------------------------------

def _mermaid_text(text: str) -> str:
    return text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


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


def to_dot(script: Script) -> str:
    """A Graphviz DOT digraph of ``script``."""
    flow = build_flow(script)
    out = [
        f"digraph {_dot_text(script.name)} {{",
        f"    label={_dot_text(script.title)}; labelloc=t; fontname=\"Helvetica\";",
        "    rankdir=TB;",
        '    node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];',
        '    edge [fontname="Helvetica", fontsize=9];',
    ]
    for node in flow.nodes():
        title, sub = _node_text(flow, node)
        attrs = [f"label={_dot_text(title + (chr(10) + sub if sub else ''))}"]
        kind, ident = node
        if kind == "step":
            step = script.steps[ident]
            attrs.append(f'fillcolor="{ROLE_COLOURS[step.role]}"')
            if step.end:
                attrs += ["peripheries=2", "penwidth=2", 'color="#1b5e20"']
        elif kind == "excuse":
            attrs += ["shape=note", f'fillcolor="{HANDLER_COLOUR}"']
        else:
            attrs += ["shape=hexagon", f'fillcolor="{LIBRARY_COLOUR}"']
        out.append(f"    {_dot_id(node)} [{', '.join(attrs)}];")
    for edge in flow.edges:
        attrs = []
        text = _edge_label(flow, edge)
        if text:
            attrs.append(f"label={_dot_text(text)}")
        if _is_bold(flow, edge):
            attrs += ["style=bold", "penwidth=2.5", 'color="#1b5e20"', 'fontcolor="#1b5e20"']
        elif edge.kind in ("offers", "handler"):
            attrs += ["style=dashed", 'color="#e65100"']
        tail = f" [{', '.join(attrs)}]" if attrs else ""
        out.append(f"    {_dot_id(edge.source)} -> {_dot_id(edge.target)}{tail};")
    out.append("}")
    return "\n".join(out) + "\n"


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
