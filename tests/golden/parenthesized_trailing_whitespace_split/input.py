from app.websocket_core.unified_manager import (
    Missing, 
    UnifiedWebSocketManager, 
    UserExecutionContext
)
print(Missing, UnifiedWebSocketManager, UserExecutionContext)
