class Holder:
    from app.websocket_core.websocket_manager import UnifiedWebSocketManager as WebSocketManager  # [SSOT001]


print(Holder.WebSocketManager)
