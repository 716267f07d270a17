"""The reader's choice of period for the balance figures (dashboard and API alike)."""

from __future__ import annotations

from django import forms

from alliance_portal.forms import GuidedForm
from governance.balance.periods import DEFAULT_PERIOD, PERIOD_CHOICES, BalancePeriod, rolling_period


class PeriodForm(GuidedForm):
    period = forms.ChoiceField(
        label="Period",
        required=False,
        choices=PERIOD_CHOICES,
        error_messages={
            "invalid_choice": "Choose the last 90 days, the last 12 months or all time.",
        },
    )

    def chosen(self) -> BalancePeriod:
        """The period asked for; the last 12 months when none (or a wrong one) is asked."""
        key = self.cleaned_data.get("period") if self.is_valid() else None
        return rolling_period(key or DEFAULT_PERIOD)


def period_form(data: dict[str, str]) -> PeriodForm:
    """The form bound to the query string when it names a period, unbound (showing the
    default) otherwise."""
    if data.get("period"):
        return PeriodForm({"period": data["period"]})
    return PeriodForm(initial={"period": DEFAULT_PERIOD})
