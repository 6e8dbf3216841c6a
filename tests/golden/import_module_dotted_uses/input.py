import app.websocket_core.unified_manager  # [SSOT001]


def context_type():
    return app.websocket_core.unified_manager.UserExecutionContext
