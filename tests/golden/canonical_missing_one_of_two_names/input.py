from app.websocket_core.unified_manager import UnifiedWebSocketManager, UserExecutionContext  # [SSOT001, SSOT001]

PAIR = (UnifiedWebSocketManager, UserExecutionContext)
