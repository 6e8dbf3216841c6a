from app.websocket_core.websocket_manager import UnifiedWebSocketManager, UserExecutionContext  # [SSOT001, SSOT001]

TYPES = (UnifiedWebSocketManager, UserExecutionContext)
