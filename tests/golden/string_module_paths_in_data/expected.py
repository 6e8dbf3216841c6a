"""app.websocket_core.manager"""
import importlib
import sys
from unittest.mock import patch

DEPRECATED = [
    "app.websocket_core.manager",  # [SSOT002]
    "app.websocket_core.unified_manager.UnifiedWebSocketManager",  # [SSOT002]
]
ROUTES = {"manager": "app.websocket_core.manager"}  # [SSOT002]
LEGACY = ("app.websocket_core.unified_manager",)  # [SSOT002]


def test_reload():
    importlib.reload(sys.modules["app.websocket_core.websocket_manager"])  # [SSOT002]
    sys.modules.pop("app.websocket_core.websocket_manager", None)  # [SSOT002]
    for path in DEPRECATED:
        importlib.import_module(path)
    name = f"app.websocket_core.manager.{path}"  # [SSOT002]
    with patch("app.websocket_core.websocket_manager_factory.create_websocket_manager"):  # [SSOT002]
        pass
    with patch("app.websocket_core.websocket_manager_factory.get_websocket_manager_factory"):  # [SSOT002]
        pass
    return name, "app.websocket_core.manager is gone"
