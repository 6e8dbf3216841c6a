from app.websocket_core import websocket_manager as m  # [SSOT001]

KIND = m.UnifiedWebSocketManager
