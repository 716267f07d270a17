"""Governance's notifications (issue 17, item 5): who hears of a consultation, a ballot or a
decision, the ``notify`` calls the lifecycle makes when they happen, and the 48-hour reminders
beat sends. The machinery (choices, digests, unsubscribe) is ``alliance_portal.notifications``."""
