from app.websocket_core.manager import WebSocketManager  # [SSOT001]


def make() -> 'WebSocketManager':
    return WebSocketManager()  # [SSOT003]
