from app.websocket_core.websocket_manager import UnifiedWebSocketManager as WebSocketManager  # [SSOT001]

UnifiedWebSocketManager = 5
print(WebSocketManager)
