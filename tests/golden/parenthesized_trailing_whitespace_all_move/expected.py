from app.websocket_core.websocket_manager import (
    UnifiedWebSocketManager, 
    UserExecutionContext, 
)
print(UnifiedWebSocketManager, UserExecutionContext)
