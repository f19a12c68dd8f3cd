"""The promote dialog: who this is (a new contact or an existing one), a rhythm, a first
follow-up. Accepted as a whole with enter.

The first follow-up follows the contact chosen: merging into someone with an open promise
proposes none (that promise *is* the first follow-up) and the label quotes it; a proposal
replaces the field only while the person has not typed in it.

The rhythm is chosen in one of two places, the list or the "or every … days" field, and the
last choice wins visibly: typing in the field takes the highlight off the list, and choosing
in the list empties the field. The "Keep in touch" line always names the rhythm enter saves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from hallway.store.i18n import N_, _
from hallway.store.matching import MergeCandidate
from hallway.store.records import Encounter, FollowUp
from hallway.store.rhythm import CADENCE_CHOICES, DEFAULT_CADENCE_DAYS, cadence_label, parse_cadence
from hallway.store.text import compact_day
from hallway.tui.screens.choice import AcceptingModal, dialog_buttons
from hallway.widgets import colours
from hallway.widgets.fitted import FittedInput
from hallway.widgets.text import plain, sentence, themed

NEW_CONTACT = "new"


@dataclass(frozen=True)
class Promotion:
    """What the dialog decided: merge target (None: a new contact), rhythm, first follow-up."""

    merge_into: int | None
    cadence_days: int
    follow_up: str


@dataclass(frozen=True)
class FirstFollowUp:
    """What the dialog proposes as the first follow-up with one contact chosen: a draft,
    or ("" and) the open promise that already stands for it."""

    draft: str
    open_promise: FollowUp | None = None


def candidate_prompt(candidate: MergeCandidate) -> Text:
    """ "merge into Ann Lee, met at PyCon 2025" and, dimmed, why she may be the same person."""
    if candidate.first_met is not None:
        text = sentence(
            _("merge into {name}, met at {event}"),
            name=plain(candidate.contact.name, "bold"),
            event=plain(candidate.first_met.name),
        )
    else:
        text = sentence(_("merge into {name}"), name=plain(candidate.contact.name, "bold"))
    if candidate.reasons:
        text.append_text(Text.assemble("  ", plain(" · ".join(candidate.reasons), colours.QUIET)))
    return text


class PromoteModal(AcceptingModal[Promotion | None]):
    """Ask how to promote an encounter; dismisses with a :class:`Promotion` or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Enter accepts the whole dialog from any field or list (see AcceptingModal).
        Binding("enter", "accept", N_("Promote"), priority=True),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(
        self,
        encounter: Encounter,
        candidates: list[MergeCandidate],
        preselected: MergeCandidate | None,
        first_follow_up: Callable[[int | None], FirstFollowUp],
        due: date,
        apply: Callable[[Promotion], str | None] | None = None,
        default_rhythm: int = DEFAULT_CADENCE_DAYS,
    ) -> None:
        """``first_follow_up`` proposes the first follow-up for a merge target (None: a new
        contact). ``apply`` saves the promotion and returns why it failed (or None): the
        dialog then stays open with everything chosen and typed, and says what went wrong.
        ``default_rhythm`` (days) is offered for a new contact (the config file's ``rhythm``)."""
        super().__init__()
        self._default_rhythm = default_rhythm
        self._apply = apply
        self._encounter = encounter
        self._candidates = candidates
        self._preselected = preselected
        self._first_follow_up = first_follow_up
        self._proposed = ""  # the draft last put in the field (replaced only while untouched)
        self._due = due

    def compose(self) -> ComposeResult:
        """Three questions in one small box."""
        with Vertical(id="dialog", classes="promote") as dialog:
            dialog.border_title = _("Promote to a lasting contact")
            yield Static(plain(self._encounter.name, "bold"), id="promote-name")
            yield Label(_("Who is this?"), classes="dialog-label")
            who = [
                Option(themed(candidate_prompt(c)), id=str(c.contact.id)) for c in self._candidates
            ]
            who.append(Option(Text(_("a new contact")), id=NEW_CONTACT))
            yield OptionList(*who, id="promote-who", markup=False)
            yield Label(_("Keep in touch"), classes="dialog-label", id="promote-rhythm-label")
            rhythms = [Option(_(label), id=str(days)) for label, days in CADENCE_CHOICES]
            yield OptionList(*rhythms, id="promote-rhythm", markup=False)
            yield FittedInput(
                placeholders=(
                    _("or every … days (e.g. 45, or 10 weeks)"),
                    _("or every … days (e.g. 45)"),
                    _("or every … days"),
                ),
                id="promote-days",
            )
            yield Label("", classes="dialog-label", id="promote-follow-up-label")
            yield Input(id="promote-follow-up")
            yield Static("", id="dialog-error", markup=False)
            yield Static(
                themed(
                    Text(
                        _("enter promotes · tab next field · ↑↓ choose · esc cancels"),
                        colours.QUIET,
                    )
                ),
                id="promote-hint",
                classes="dialog-hint",
            )
            yield dialog_buttons(_("Promote"))

    def on_mount(self) -> None:
        """Preselect the likely contact (or "a new contact") and the default rhythm."""
        who = self.query_one("#promote-who", OptionList)
        if self._preselected is not None:
            who.highlighted = self._candidates.index(self._preselected)
        else:
            who.highlighted = len(self._candidates)
        self._suggest_rhythm(self._chosen_contact_cadence())
        self._propose_follow_up()
        who.focus()

    def _chosen_contact_cadence(self) -> int:
        merge = self.merge_into
        for candidate in self._candidates:
            if candidate.contact.id == merge:
                return candidate.contact.cadence_days
        return self._default_rhythm

    def _suggest_rhythm(self, days: int) -> None:
        """Show ``days`` as the chosen rhythm (a merged contact keeps theirs by default): in
        the list when it is one of its choices, else typed in the field."""
        rhythm = self.query_one("#promote-rhythm", OptionList)
        values = [value for _, value in CADENCE_CHOICES]
        field = self.query_one("#promote-days", Input)
        if days in values:
            rhythm.highlighted = values.index(days)
            field.value = ""
        else:
            rhythm.highlighted = None
            field.value = cadence_label(days).removeprefix("every ")
        self._show_chosen()

    @on(OptionList.OptionHighlighted, "#promote-who")
    def _who_changed(self) -> None:
        self._suggest_rhythm(self._chosen_contact_cadence())
        self._propose_follow_up()

    def _propose_follow_up(self) -> None:
        """Propose the first follow-up for the contact chosen, and say why when there is
        none to propose (a promise is already open)."""
        proposal = self._first_follow_up(self.merge_into)
        field = self.query_one("#promote-follow-up", Input)
        if field.value == self._proposed:  # untouched: the new proposal takes its place
            field.value = proposal.draft
            field.cursor_position = len(proposal.draft)
        self._proposed = proposal.draft
        label = self.query_one("#promote-follow-up-label", Label)
        promise = proposal.open_promise
        if promise is None:
            label.update(
                _("First follow-up, due {day} (empty: none)").format(day=compact_day(self._due))
            )
            return
        label.update(
            sentence(
                _(
                    "{first} already has an open promise: {promise} (due {day}). "
                    "Another follow-up? (empty: none)"
                ),
                first=plain(self._encounter.first_name),
                promise=plain(promise.text, "italic"),
                day=Text(compact_day(promise.due)),
            )
        )

    @on(OptionList.OptionHighlighted, "#promote-rhythm")
    def _rhythm_picked(self, event: OptionList.OptionHighlighted) -> None:
        # A choice in the list replaces whatever was typed: one rhythm on screen at a time.
        # (A highlight the list made itself before a typed rhythm took over -- its first
        # option, on mount -- arrives late: it no longer shows, so it changes nothing.)
        if self.query_one("#promote-rhythm", OptionList).highlighted != event.option_index:
            return
        field = self.query_one("#promote-days", Input)
        if field.value:
            field.value = ""
        self._show_chosen()

    @on(Input.Changed, "#promote-days")
    def _rhythm_typed(self, event: Input.Changed) -> None:
        # Typing replaces the list's choice (an emptied field leaves the list as it is).
        if event.value.strip():
            self.query_one("#promote-rhythm", OptionList).highlighted = None
        self._show_chosen()

    def chosen_rhythm(self) -> int | str | None:
        """The rhythm enter would save, in days; the reason when the typed text is not a
        rhythm; None when nothing is chosen."""
        typed = self.query_one("#promote-days", Input).value.strip()
        if typed:
            try:
                return parse_cadence(typed)
            except ValueError as error:
                return str(error)
        rhythm = self.query_one("#promote-rhythm", OptionList)
        if rhythm.highlighted is None:
            return None
        return CADENCE_CHOICES[rhythm.highlighted][1]

    def _show_chosen(self) -> None:
        chosen = self.chosen_rhythm()
        if isinstance(chosen, int):
            words = _("Keep in touch: {rhythm}").format(rhythm=cadence_label(chosen))
        elif chosen is None:
            words = _("Keep in touch: pick a rhythm, or type one")
        else:
            words = _("Keep in touch: not a rhythm yet (e.g. 45, 10 weeks, yearly)")
        self.query_one("#promote-rhythm-label", Label).update(words)

    @property
    def merge_into(self) -> int | None:
        """The contact chosen to merge into (None: a new contact)."""
        who = self.query_one("#promote-who", OptionList)
        if who.highlighted is None:
            return None
        option_id = who.get_option_at_index(who.highlighted).id
        return None if option_id in (None, NEW_CONTACT) else int(option_id)

    def action_accept(self) -> None:
        """Promote with what the dialog shows, or say what to fix."""
        days = self.chosen_rhythm()
        if not isinstance(days, int):
            self.refuse(days or _("Pick how often to keep in touch, or type it."))
            target = "#promote-days" if days else "#promote-rhythm"
            self.query_one(target).focus()
            return
        follow_up = self.query_one("#promote-follow-up", Input).value.strip()
        promotion = Promotion(self.merge_into, days, follow_up)
        problem = self._apply(promotion) if self._apply is not None else None
        if problem is None:
            self.dismiss(promotion)
        else:
            self.refuse(problem)

    def action_cancel(self) -> None:
        """Close without promoting."""
        self.dismiss(None)
