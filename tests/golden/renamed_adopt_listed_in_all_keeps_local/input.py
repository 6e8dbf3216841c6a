from app.websocket_core.manager import WebSocketManager  # [SSOT001]

__all__ = ['WebSocketManager']
