from ..websocket_core.manager import WebSocketManager  # [SSOT001]
from ..websocket_core.unified_manager import UserExecutionContext  # [SSOT001]

PAIR = (WebSocketManager, UserExecutionContext)
