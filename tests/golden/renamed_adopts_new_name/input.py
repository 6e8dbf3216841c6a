from app.websocket_core.manager import WebSocketManager  # [SSOT001]


def manager_type() -> WebSocketManager:
    return WebSocketManager
