import importlib

module = importlib.import_module('app.websocket_core.unified_manager')  # [SSOT002]
