from app.websocket_core.websocket_manager import UnifiedWebSocketManager  # [SSOT001]


class Holder:
    kind = UnifiedWebSocketManager

    def inner(self, WebSocketManager=None):
        return WebSocketManager


def shadow():
    WebSocketManager = 1
    return WebSocketManager, make(WebSocketManager=2), Holder.WebSocketManager
