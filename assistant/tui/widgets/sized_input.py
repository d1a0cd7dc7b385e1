"""An Input whose size is set by its place (a width and a height in the CSS), never by its text.

Textual's Input sets its virtual size on every change of its text, and that reactive asks for a
layout of the whole screen: on the budget screen the largest cost of a keystroke (~10 ms of CPU).
A SizedInput of a set width and height turns such a request into a redraw; one whose width or
height is auto still asks for the layout. Scrolling within the field is unchanged.
"""

from __future__ import annotations

from typing import Self

from textual.geometry import Region
from textual.widgets import Input


class SizedInput(Input):
    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        width, height = self.styles.width, self.styles.height
        sized = width is not None and height is not None and not (width.is_auto or height.is_auto)
        return super().refresh(*regions, repaint=repaint, layout=layout and not sized, recompose=recompose)

    def update_node_styles(self, animate: bool = True) -> None:
        """Not before the field is mounted: Textual styles it then, and the classes its __init__ and
        first validation set (compact, -valid) restyled it in vain (~0.4 ms each, two a field: ~20 ms
        of opening the budget screen)."""
        if self.is_attached:
            super().update_node_styles(animate)
