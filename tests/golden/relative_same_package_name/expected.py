from .websocket_manager import UserExecutionContext  # [SSOT001]
from .websocket_manager import UnifiedWebSocketManager as WSM  # [SSOT001]

PAIR = (UserExecutionContext, WSM)
