"""Charts as PNG, rendered offline by Plotly's kaleido on the machine's Chromium (/usr/bin/chromium).

kaleido starts a headless Chromium per image (~2-4 s) unless a server is kept running; one is started on first use
and kept for the life of the process (~0.2 s an image after that). Rendering is serialised: the server is shared by
every session of the app.
"""

from __future__ import annotations

import atexit
import contextlib
import threading

import kaleido
import plotly.graph_objects as go

_lock = threading.Lock()
_started = False


def _stop() -> None:
    with contextlib.suppress(Exception):  # best effort at interpreter exit
        kaleido.stop_sync_server(silence_warnings=True)


def static(figure: go.Figure) -> go.Figure:
    """A copy laid out for paper: axis labels given the room they need (the page's compact margins cut them),
    the embedded font of the PDF."""
    copy = go.Figure(figure)
    copy.update_xaxes(automargin=True)
    copy.update_yaxes(automargin=True)
    copy.update_layout(font={"family": "DejaVu Sans, Arial, sans-serif"})
    return copy


def png(figure: go.Figure, width: int, height: int, scale: float = 2.0) -> bytes:
    """The figure as PNG bytes, at `scale` times the given size in pixels (sharp on a projector)."""
    global _started
    with _lock:
        if not _started:
            kaleido.start_sync_server(headless=True, silence_warnings=True)
            atexit.register(_stop)
            _started = True
        return kaleido.calc_fig_sync(
            static(figure).to_dict(), opts={"format": "png", "width": width, "height": height, "scale": scale}
        )
