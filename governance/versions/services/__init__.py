"""Writes of proposal versions: publishing a revised version, linking accepted responses to
the paragraphs they changed, and a further consultation round on a revised text
(``publishing``); a member author's revised version, submitted for the secretariat to publish
or return (``submissions``). The first version, taken when a consultation opens and kept by the
ballot, is written by the helpers of ``records`` inside the lifecycle's and the ballot's use
cases."""

from governance.versions.services.publishing import (
    consultation_reopen,
    response_changes_set,
    version_publish,
)
from governance.versions.services.submissions import (
    version_submission_publish,
    version_submission_return,
    version_submit,
)

__all__ = [
    "consultation_reopen",
    "response_changes_set",
    "version_publish",
    "version_submission_publish",
    "version_submission_return",
    "version_submit",
]
