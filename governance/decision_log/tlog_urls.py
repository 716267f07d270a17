"""The decision log as a C2SP transparency log (https://c2sp.org/tlog-tiles), mounted at
``/decision-log/`` by the project's urls: ``tile/<L>/<N>[.p/<W>]`` and
``tile/entries/<N>[.p/<W>]`` here; the signed ``checkpoint`` beside them."""

from django.urls import re_path

from governance.decision_log import tlog_views

INDEX = r"(?P<index>(?:x[0-9]{3}/)*[0-9]{3})"
WIDTH = r"\.p/(?P<width>[0-9]{1,3})"

urlpatterns = [
    re_path(rf"^tile/entries/{INDEX}$", tlog_views.entry_bundle, name="tlog-entries"),
    re_path(
        rf"^tile/entries/{INDEX}{WIDTH}$", tlog_views.entry_bundle, name="tlog-entries-partial"
    ),
    re_path(rf"^tile/(?P<level>[0-9]{{1,2}})/{INDEX}$", tlog_views.hash_tile, name="tlog-tile"),
    re_path(
        rf"^tile/(?P<level>[0-9]{{1,2}})/{INDEX}{WIDTH}$",
        tlog_views.hash_tile,
        name="tlog-tile-partial",
    ),
]
