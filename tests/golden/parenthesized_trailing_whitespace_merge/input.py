from app.websocket_core.websocket_manager import (
    get_websocket_manager,  # the factory
    UserExecutionContext
)
from app.websocket_core.unified_manager import (
    UnifiedWebSocketManager, 
    Missing 
)
print(get_websocket_manager, UserExecutionContext, UnifiedWebSocketManager, Missing)
