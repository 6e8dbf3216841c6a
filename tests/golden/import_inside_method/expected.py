class Service:
    from app.websocket_core.websocket_manager import UserExecutionContext  # [SSOT001]

    def manager_type(self):
        from app.websocket_core.websocket_manager import UnifiedWebSocketManager as WebSocketManager  # [SSOT001]

        return WebSocketManager
