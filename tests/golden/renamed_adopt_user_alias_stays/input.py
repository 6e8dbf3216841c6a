from app.websocket_core.manager import WebSocketManager as mine  # [SSOT001]

print(mine)
