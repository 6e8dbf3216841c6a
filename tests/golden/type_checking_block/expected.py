from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.websocket_core.websocket_manager import UnifiedWebSocketManager  # [SSOT001]


def use(manager: UnifiedWebSocketManager) -> None:
    return None
