class Holder:
    from app.websocket_core.manager import WebSocketManager  # [SSOT001]


print(Holder.WebSocketManager)
