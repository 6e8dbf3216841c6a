from app.websocket_core.websocket_manager_factory import get_websocket_manager_factory  # [SSOT001]


def manager(context):
    return get_websocket_manager_factory()(context)  # [SSOT004]
