from app.websocket_core.unified_manager import (
    UnifiedWebSocketManager, 
    UserExecutionContext, 
)
print(UnifiedWebSocketManager, UserExecutionContext)
