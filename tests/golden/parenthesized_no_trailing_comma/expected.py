from app.websocket_core.websocket_manager import (UnifiedWebSocketManager,  # [SSOT001]
    UserExecutionContext)  # [SSOT001]

PAIR = (UnifiedWebSocketManager, UserExecutionContext)
