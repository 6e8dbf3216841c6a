from app.websocket_core.websocket_manager_factory import get_websocket_manager_factory as factory  # [SSOT001]

FACTORIES = [factory]


def build(context):
    return factory()(context)  # [SSOT004]
