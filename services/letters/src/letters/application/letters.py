"""The letters application: receiving, handling and following up citizens' letters, and
the one way to a denouncer's identity (through the vault, every look recorded)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from uuid import UUID, uuid4

from chassis.application import ServiceApplication
from chassis.web.idempotency import IdempotentCommands
from contracts.vocabulary import Agency
from kernel.actor import Actor
from kernel.clock import Clock, SystemClock, check_aware, today_in_vietnam
from kernel.errors import NotFound
from kernel.rulebook import Rulebook, default_rulebook
from letters.application.catalogue import Catalogue
from letters.application.receptions import ReceptionBook
from letters.domain import errors
from letters.domain.letter import Intake, Letter
from letters.domain.limits import Limits
from letters.domain.policy import check_handles, may_reveal
from letters.domain.reception import Missed, MissedReception, Reception, Session
from letters.domain.values import Channel, LetterKind, Status
from letters.vault.vault import Identity, Vault

RECORDING_GRACE = timedelta(days=7)  # late-typed reception days still count
RECORDED_WITHIN = timedelta(days=31)  # how far back a missed period is published


class Letters(IdempotentCommands, ServiceApplication):
    """Citizens' letters, event-sourced; the denouncers' identities in ``vault``.

    ``Letters(env, vault=Vault(vault_env, keys=...), clock=...)``: the vault is a store of
    its own, never this one's.
    """

    record_not_found = errors.LetterNotFoundError

    def __init__(self, env: dict[str, str] | None = None, *, vault: Vault,
                 clock: Clock | None = None, rulebook: Rulebook | None = None) -> None:
        super().__init__(env)
        self.vault = vault
        self.clock: Clock = clock or SystemClock()
        self.rulebook = rulebook or default_rulebook()
        self.catalogue = Catalogue(self)
        self.receptions = ReceptionBook(self, self.rulebook)

    def close(self) -> None:
        super().close()
        self.vault.close()

    def now(self) -> datetime:
        return check_aware(self.clock.now())

    def today(self) -> date:
        return today_in_vietnam(self.clock)

    def limits(self, letter: Letter) -> Limits:
        return Limits(self.rulebook, letter.received_on)

    # --- commands --------------------------------------------------------------------

    def receive(self, actor: Actor, intake: Intake, *, denouncer: Identity | None = None,
                instance: int = 1, appeal_of: UUID | None = None) -> Letter:
        """A letter comes in; a denouncer's identity goes to the vault, the letter keeps
        its opaque id; earlier letters on the same matter are flagged."""
        if denouncer is not None:
            if intake.kind is not LetterKind.DENUNCIATION:
                raise errors.InvalidLetterError(
                    "only a denouncer's identity goes to the vault; name a complainant "
                    "or petitioner as the sender")
            # Checked before the deposit, so a refused letter leaves nothing in the vault.
            Letter.receive(actor, intake, Limits(self.rulebook, intake.received_on),
                           id=uuid4(), at=self.now(), today=self.today())
            intake = replace(intake, identity_ref=str(self.vault.deposit(actor, denouncer)))
        letter = Letter.receive(actor, intake, Limits(self.rulebook, intake.received_on),
                                id=uuid4(), at=self.now(), today=self.today(),
                                instance=instance, appeal_of=appeal_of)
        letter.flag_repeats(self.catalogue.similar(intake.summary))
        self.save(letter)
        return letter

    def appeal(self, actor: Actor, first_id: UUID, intake: Intake) -> Letter:
        """A second complaint against a first-instance result, to the body above."""
        first = self.load(Letter, first_id, "letter")
        if intake.kind is not LetterKind.COMPLAINT:
            raise errors.InvalidLetterError("an appeal is a second complaint")
        second = Letter.receive(actor, intake, Limits(self.rulebook, intake.received_on),
                                id=uuid4(), at=self.now(), today=self.today(), instance=2,
                                appeal_of=first.id)
        first.appeal(actor, self.limits(first), second_letter_id=second.id,
                     appealed_on=intake.received_on, at=self.now(), today=self.today())
        self.save(first, second)
        return second

    def accept(self, actor: Actor, letter_id: UUID, *, accepted_on: date | None) -> Letter:
        letter = self.load(Letter, letter_id, "letter")
        letter.accept(actor, self.limits(letter), accepted_on=accepted_on or self.today(),
                      at=self.now(), today=self.today())
        self.save(letter)
        return letter

    def forward(self, actor: Actor, letter_id: UUID, *, to: Agency, reason: str,
                forwarded_on: date | None) -> Letter:
        letter = self.load(Letter, letter_id, "letter")
        letter.forward(actor, self.limits(letter), to=to, reason=reason,
                       forwarded_on=forwarded_on or self.today(), at=self.now(),
                       today=self.today())
        self.save(letter)
        return letter

    def guide(self, actor: Actor, letter_id: UUID, *, reason: str,
              guided_on: date | None) -> Letter:
        letter = self.load(Letter, letter_id, "letter")
        letter.guide(actor, reason=reason, guided_on=guided_on or self.today(), at=self.now(),
                     today=self.today())
        self.save(letter)
        return letter

    def extend(self, actor: Actor, letter_id: UUID, *, reason: str,
               extended_on: date | None) -> Letter:
        letter = self.load(Letter, letter_id, "letter")
        letter.extend(actor, self.limits(letter), reason=reason,
                      extended_on=extended_on or self.today(), at=self.now(),
                      today=self.today())
        self.save(letter)
        return letter

    def decide(self, actor: Actor, letter_id: UUID, *, outcome: str,
               decided_on: date | None) -> Letter:
        letter = self.load(Letter, letter_id, "letter")
        letter.decide(actor, outcome=outcome, decided_on=decided_on or self.today(),
                      at=self.now(), today=self.today())
        self.save(letter)
        return letter

    def record_denouncer_notified(self, actor: Actor, letter_id: UUID, *,
                                  notified_on: date | None) -> Letter:
        letter = self.load(Letter, letter_id, "letter")
        letter.record_denouncer_notified(actor, notified_on=notified_on or self.today(),
                                         at=self.now(), today=self.today())
        self.save(letter)
        return letter

    def withdraw(self, actor: Actor, letter_id: UUID, *, reason: str,
                 withdrawn_on: date | None) -> Letter:
        letter = self.load(Letter, letter_id, "letter")
        letter.withdraw(actor, self.limits(letter), reason=reason,
                        withdrawn_on=withdrawn_on or self.today(), at=self.now(),
                        today=self.today())
        self.save(letter)
        return letter

    def reveal_denouncer(self, actor: Actor, letter_id: UUID, *, why: str) -> Identity:
        """The denouncer's identity, to the leader of the body handling the letter only.
        Every attempt is recorded in the vault, the refused ones too (then 403)."""
        letter = self.load(Letter, letter_id, "letter")
        identity_id = self._identity_of(letter)
        if not may_reveal(actor, letter.handler):
            self.vault.refuse(actor, identity_id, letter_id=letter.id, why=why)
            raise errors.NotPermittedError(
                "only the leader of the body handling the denunciation may reveal the "
                "denouncer's identity; the attempt was recorded")
        return self.vault.reveal(actor, identity_id, letter_id=letter.id, why=why)

    def erase_denouncer(self, actor: Actor, letter_id: UUID, *, why: str) -> None:
        """Crypto-shredding of the denouncer's identity; the letter and its events stay."""
        letter = self.load(Letter, letter_id, "letter")
        identity_id = self._identity_of(letter)
        if not may_reveal(actor, letter.handler):
            self.vault.refuse(actor, identity_id, letter_id=letter.id, why=f"erase: {why}")
            raise errors.NotPermittedError(
                "only the leader of the body handling the denunciation may erase the "
                "denouncer's identity; the attempt was recorded")
        check_handles(actor, letter.handler, "erase the denouncer's identity")
        self.vault.erase(actor, identity_id, why=why)

    # --- citizen reception ------------------------------------------------------------

    def record_reception(self, actor: Actor, session: Session) -> Reception:
        """A reception day held; the letters received at it are linked (each received by
        the actor's body, at a reception, that day)."""
        for letter_id in session.letter_ids:
            try:
                letter = self.load_letter(letter_id)
            except NotFound:
                raise errors.InvalidLetterError(f"no letter {letter_id} to link") from None
            if letter.channel is Channel.MAIL or letter.received_on != session.held_on \
                    or letter.recipient != actor.agency:
                raise errors.InvalidLetterError(
                    f"letter {letter_id} was not received by {actor.agency.value} at a "
                    f"reception on {session.held_on.isoformat()}")
        reception = Reception.record(actor, session, self.rulebook, id=uuid4(), at=self.now(),
                                     today=self.today())
        self.save(reception)
        return reception

    def load_reception(self, reception_id: UUID) -> Reception:
        return self.load(Reception, reception_id, "reception")

    def missed_receptions(self, *, since: date | None = None,
                          until: date | None = None) -> list[Missed]:
        """Periods ended by ``until`` (yesterday when left out) short of reception days."""
        yesterday = date.fromordinal(self.today().toordinal() - 1)
        return self.receptions.missed(until=min(until or yesterday, yesterday), since=since)

    def record_missed_receptions(self) -> int:
        """Records (and so publishes) each missed obligation found, once; how many are new.

        Only periods that ended ``RECORDING_GRACE`` ago at least, so a reception day typed
        in a few days late (decision 16) still counts before anyone is told; and within
        ``RECORDED_WITHIN`` before that, so a service started now, or one old reception day
        recorded, does not publish years of weeks at once. ``missed_receptions`` (the
        monitoring endpoint) still lists every period."""
        latest_end = self.today() - RECORDING_GRACE
        earliest_end = latest_end - RECORDED_WITHIN
        found = [MissedReception.record(missed, at=self.now(), found_on=self.today())
                 for missed in self.missed_receptions(until=latest_end)
                 if missed.period_end >= earliest_end
                 and self.existing(MissedReception, missed.id) is None]
        if found:
            self.save(*found)
        return len(found)

    def _identity_of(self, letter: Letter) -> UUID:
        if letter.identity_ref is None:
            raise errors.IllegalTransitionError("this letter names no denouncer in the vault")
        return UUID(letter.identity_ref)

    # --- queries ---------------------------------------------------------------------

    def load_letter(self, letter_id: UUID, as_of: datetime | None = None) -> Letter:
        return self.load(Letter, letter_id, "letter", as_of)

    def list_letters(self, *, kind: LetterKind | None = None, status: Status | None = None,
                     handler: Agency | None = None, as_of: datetime | None = None
                     ) -> list[Letter]:
        if as_of is not None:
            found: list[Letter] = []
            for record_id in self.catalogue.ids():
                try:
                    then = self.state_as_of(record_id, as_of)
                except NotFound:  # received after as_of
                    continue
                if isinstance(then, Letter):
                    found.append(then)
            letters = sorted(found, key=lambda letter: letter.created_on)
        else:
            letters = self.catalogue.all()
        return [letter for letter in letters
                if (kind is None or letter.treated_as is kind)
                and (status is None or letter.status is status)
                and (handler is None or letter.handler is handler)]
