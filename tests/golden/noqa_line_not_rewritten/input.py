from app.websocket_core.unified_manager import UnifiedWebSocketManager  # noqa: SSOT001
from app.websocket_core.unified_manager import UserExecutionContext  # [SSOT001]

PAIR = (UnifiedWebSocketManager, UserExecutionContext)
