try:
    from app.websocket_core.manager import WebSocketManager  # [SSOT001]
except ImportError:
    WebSocketManager = None

print(WebSocketManager)
