from app.websocket_core.websocket_manager import UnifiedWebSocketManager, get_websocket_manager  # [SSOT001]

PAIR = (get_websocket_manager, UnifiedWebSocketManager)
