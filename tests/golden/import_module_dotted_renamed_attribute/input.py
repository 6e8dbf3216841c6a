import app.websocket_core.manager  # [SSOT001]

KIND = app.websocket_core.manager.WebSocketManager
