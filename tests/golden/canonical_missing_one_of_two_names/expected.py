from app.websocket_core.unified_manager import UserExecutionContext  # [SSOT001, SSOT001]
from app.websocket_core.websocket_manager import UnifiedWebSocketManager

PAIR = (UnifiedWebSocketManager, UserExecutionContext)
