"""The review screen in a browser: ``comparer --serve A B`` runs it under textual-serve.

Each browser tab that connects gets its own ``comparer --screen A B`` process, drawn in the page
by textual-serve's terminal. Bound to localhost unless ``--host`` says otherwise: the screen
shows the articles to anyone who can reach the port.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Sequence

from comparer.core.errors import ComparerError

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def serve(child_arguments: Sequence[str], *, host: str, port: int) -> int:
    """Serve the review screen of ``comparer --screen *child_arguments`` until Ctrl+C."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise ComparerError("--serve needs textual-serve: pip install 'comparer[serve]'") from None
    command = shlex.join([sys.executable, "-m", "comparer", "--screen", *child_arguments])
    reach = (
        "only this machine can open it"
        if host in LOCAL_HOSTS
        else "anyone who can reach this address can open it and read the articles"
    )
    print(
        f"comparer: serving the review screen at http://{host}:{port} ({reach}); Ctrl+C stops",
        file=sys.stderr,
    )
    Server(command, host=host, port=port, title="comparer").serve()
    return 0
