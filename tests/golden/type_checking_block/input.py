from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.websocket_core.manager import WebSocketManager  # [SSOT001]


def use(manager: WebSocketManager) -> None:
    return None
