from app.websocket_core import manager as m  # [SSOT001]

KIND = m.WebSocketManager
