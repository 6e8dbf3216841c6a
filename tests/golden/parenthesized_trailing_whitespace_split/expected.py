from app.websocket_core.unified_manager import (
    Missing
)
from app.websocket_core.websocket_manager import (
    UnifiedWebSocketManager, 
    UserExecutionContext
)
print(Missing, UnifiedWebSocketManager, UserExecutionContext)
