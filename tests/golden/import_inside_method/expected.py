class Service:
    from app.websocket_core.websocket_manager import UserExecutionContext  # [SSOT001]

    def manager_type(self):
        from app.websocket_core.websocket_manager import UnifiedWebSocketManager  # [SSOT001]

        return UnifiedWebSocketManager
