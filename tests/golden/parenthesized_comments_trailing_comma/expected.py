from app.websocket_core.websocket_manager import (  # the old shim
    # the manager
    UnifiedWebSocketManager as WebSocketManager,  # renamed  # [SSOT001]
    UserExecutionContext,  # moves as is  # [SSOT001]
)

PAIR = (WebSocketManager, UserExecutionContext)
