lazy import app.websocket_core.websocket_manager as um  # [SSOT001]
lazy from app.websocket_core.websocket_manager import (
    UnifiedWebSocketManager as WebSocketManager,  # [SSOT001]
    UserExecutionContext,  # [SSOT001]
)


def build():
    lazy from app.websocket_core.websocket_manager import UserExecutionContext as Context  # [SSOT001]
    return um.UnifiedWebSocketManager, WebSocketManager, Context
