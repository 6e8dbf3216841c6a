from app.websocket_core.websocket_manager import UnifiedWebSocketManager as WebSocketManager  # [SSOT001]


def make() -> 'WebSocketManager':
    return WebSocketManager()  # [SSOT003]
