from app.websocket_core.manager import WebSocketManager  # [SSOT001]
from app.websocket_core.websocket_manager import UnifiedWebSocketManager

print(WebSocketManager, UnifiedWebSocketManager)
