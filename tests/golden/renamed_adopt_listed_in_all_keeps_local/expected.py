from app.websocket_core.websocket_manager import UnifiedWebSocketManager as WebSocketManager  # [SSOT001]

__all__ = ['WebSocketManager']
