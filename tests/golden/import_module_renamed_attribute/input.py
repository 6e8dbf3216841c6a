import app.websocket_core.manager as m  # [SSOT001]

KIND = m.WebSocketManager
