lazy import app.websocket_core.unified_manager as um  # [SSOT001]
lazy from app.websocket_core.manager import (
    WebSocketManager,  # [SSOT001]
    UserExecutionContext,  # [SSOT001]
)


def build():
    lazy from app.websocket_core.unified_manager import UserExecutionContext as Context  # [SSOT001]
    return um.UnifiedWebSocketManager, WebSocketManager, Context
