from app.websocket_core.websocket_manager import UnifiedWebSocketManager as mine  # [SSOT001]

print(mine)
