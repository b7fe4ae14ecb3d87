"""Looking up a key's bindings without walking the whole layout on every keystroke.

prompt_toolkit finds the bindings for a key by walking every container of the layout
(twice per keystroke: the set of controls is its cache key), some hundred containers
for the call screen, before it can use its cached merge of the bindings. On this
screen the set of containers changes only when the body changes (preparation, the
wide or compact call, the evaluation; the overlay and the dialog are always part of
the layout, shown or not), so :class:`ScreenBindings` keys its cache by the focused
window and the body instead. The merged bindings themselves are prompt_toolkit's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prompt_toolkit.application.application import _CombinedRegistry


class ScreenBindings(_CombinedRegistry):
    """prompt_toolkit's merged key bindings, cached by (focused window, the screen's body)."""

    def __init__(self, app: Any, body: Callable[[], object]) -> None:
        super().__init__(app)
        self._body = body
        self._merged: dict[tuple[object, object], Any] = {}

    @property
    def _key_bindings(self) -> Any:
        current_window = self.app.layout.current_window
        key = (current_window, self._body())
        merged = self._merged.get(key)
        if merged is None:
            merged = self._create_key_bindings(current_window, list(self.app.layout.find_all_controls()))
            self._merged[key] = merged
        return merged


def install(app: Any, body: Callable[[], object]) -> None:
    """Let ``app``'s key processor look bindings up through :class:`ScreenBindings`."""
    app.key_processor._bindings = ScreenBindings(app, body)
