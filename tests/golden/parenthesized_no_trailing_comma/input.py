from app.websocket_core.unified_manager import (UnifiedWebSocketManager,  # [SSOT001]
    UserExecutionContext)  # [SSOT001]

PAIR = (UnifiedWebSocketManager, UserExecutionContext)
