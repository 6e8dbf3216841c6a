import app.websocket_core.websocket_manager_factory  # [SSOT001]


def manager(context):
    return app.websocket_core.websocket_manager_factory.get_websocket_manager(context)
