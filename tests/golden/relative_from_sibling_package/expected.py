from ..websocket_core.websocket_manager import UnifiedWebSocketManager as WebSocketManager  # [SSOT001]
from ..websocket_core.websocket_manager import UserExecutionContext  # [SSOT001]

PAIR = (WebSocketManager, UserExecutionContext)
