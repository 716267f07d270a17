"""Writes of proposal versions: publishing a revised version, linking accepted responses to
the paragraphs they changed, and a further consultation round on a revised text
(``publishing``); the first version, taken when a consultation opens and kept by the ballot,
is written by the helpers of ``records`` inside the lifecycle's and the ballot's use cases."""

from governance.versions.services.publishing import (
    consultation_reopen,
    response_changes_set,
    version_publish,
)

__all__ = ["consultation_reopen", "response_changes_set", "version_publish"]
