from app.websocket_core.websocket_manager import get_websocket_manager, UnifiedWebSocketManager  # [SSOT001]

PAIR = (get_websocket_manager, UnifiedWebSocketManager)
