"""Meetings of bodies and working groups (agenda, attendance, minutes) and equal access: meeting
requests from members, external stakeholders and community representatives, with figures per
chamber."""
