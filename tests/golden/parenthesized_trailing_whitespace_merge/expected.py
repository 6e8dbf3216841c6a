from app.websocket_core.websocket_manager import (
    get_websocket_manager,  # the factory
    UserExecutionContext,
    UnifiedWebSocketManager
)
from app.websocket_core.unified_manager import (
    Missing 
)
print(get_websocket_manager, UserExecutionContext, UnifiedWebSocketManager, Missing)
