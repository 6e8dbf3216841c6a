from ..websocket_core.websocket_manager import UnifiedWebSocketManager  # [SSOT001]
from ..websocket_core.websocket_manager import UserExecutionContext  # [SSOT001]

PAIR = (UnifiedWebSocketManager, UserExecutionContext)
