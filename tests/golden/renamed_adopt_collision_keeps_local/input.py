from app.websocket_core.manager import WebSocketManager  # [SSOT001]

UnifiedWebSocketManager = 5
print(WebSocketManager)
