from app.websocket_core.manager import WebSocketManager  # [SSOT001]


class Holder:
    kind = WebSocketManager

    def inner(self, WebSocketManager=None):
        return WebSocketManager


def shadow():
    WebSocketManager = 1
    return WebSocketManager, make(WebSocketManager=2), Holder.WebSocketManager
