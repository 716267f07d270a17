"""Notifications with digests (issue 17, item 5): each person chooses, per kind of event, an
immediate email, a daily or weekly digest, or nothing. A feature calls ``notify`` inside the use
case that makes the event happen; after that transaction commits, a Celery task emails the
immediate people through the outbox and records digest items for the others. Beat sends the
digests (``digests_send``). Every email carries a one-click unsubscribe link (``tokens``)."""
