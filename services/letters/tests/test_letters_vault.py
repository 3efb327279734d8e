"""The vault: a denouncer's identity sealed with a key of its own, revealed only to the
leader of the body handling the denunciation, every attempt recorded, erased for good by
destroying its data key."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from uuid import UUID

import pytest
from letters_builders import HDND_LEADER, UBND, UBND_LEADER

from letters.application import Letters
from letters.domain import errors
from letters.domain.letter import Intake
from letters.domain.values import Channel, LetterKind
from letters.settings import LettersSettings
from letters.vault.sealing import DEVELOPMENT_VAULT_MASTER_KEY, MasterKeys, VaultKeyError
from letters.vault.vault import Erased, Identity, IdentityErasedError, RevealGranted, RevealRefused

DENOUNCER = Identity(name="Trịnh Thị Quỳnh Hương", identity_number="082199004417",
                     address="Ấp Mỹ Lợi B, xã Thạnh Phú", phone="0912 358 714",
                     email="huongttq@example.vn",
                     # a PNG's header and a marker: the signature's scan, sealed too
                     signature_image="iVBORw0KGgpjaHUta3ktdHJpbmgtaHVvbmctNzcxMg==")


def denounce(letters: Letters) -> UUID:
    intake = Intake(kind=LetterKind.DENUNCIATION, channel=Channel.RECEPTION,
                    received_on=date(2026, 11, 2),
                    summary="Tố cáo cán bộ địa chính xã nhận tiền khi cấp giấy chứng nhận")
    return letters.receive(UBND, intake, denouncer=DENOUNCER).id


def files_under(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def test_only_the_handling_leader_reveals_and_every_attempt_is_recorded(
        letters: Letters) -> None:
    letter_id = denounce(letters)
    for refused in (UBND, HDND_LEADER):
        with pytest.raises(errors.NotPermittedError, match="recorded"):
            letters.reveal_denouncer(refused, letter_id, why="Muốn biết")
    assert letters.reveal_denouncer(UBND_LEADER, letter_id, why="Xác minh") == DENOUNCER
    ref = UUID(letters.load_letter(letter_id).identity_ref or "")
    history = letters.vault.history(ref)
    looks = [(type(e).__name__, e.by, e.why) for e in history[1:]]  # type: ignore[attr-defined]
    assert looks == [("RevealRefused", "ubnd/ubnd-clerk", "Muốn biết"),
                     ("RevealRefused", "hdnd/hdnd-chair", "Muốn biết"),
                     ("RevealGranted", "ubnd/ubnd-chair", "Xác minh")]
    assert isinstance(history[-1], RevealGranted) and isinstance(history[1], RevealRefused)


def test_the_identity_is_in_no_store_file_in_clear_and_erasure_shreds_it(
        letters: Letters, settings: LettersSettings) -> None:
    letter_id = denounce(letters)
    ref = UUID(letters.load_letter(letter_id).identity_ref or "")
    sealed = letters.vault._sealed_row(ref)
    assert sealed is not None
    stored = files_under(settings.data_dir)
    for value in DENOUNCER.as_dict().values():
        assert value is not None and value.encode("utf-8") not in stored
    assert sealed.wrapped_key in files_under(settings.data_dir)  # (in the vault's file)
    assert (settings.data_dir / "lettersvault.db").exists()

    letters.erase_denouncer(UBND_LEADER, letter_id, why="Hết thời hạn lưu trữ")
    with pytest.raises(IdentityErasedError):
        letters.reveal_denouncer(UBND_LEADER, letter_id, why="Xác minh lại")
    assert isinstance(letters.vault.history(ref)[-1], Erased)
    assert not letters.vault.holds(ref)
    assert sealed.wrapped_key not in files_under(settings.data_dir)  # the key is gone
    with pytest.raises(VaultKeyError):  # the master key alone opens nothing
        letters.vault.keys.open(ref, sealed.__class__(b"\0" * 60, b"\0" * 60,
                                                      sealed.master_key_id))


def test_each_identity_has_its_own_data_key_bound_to_its_id() -> None:
    keys = MasterKeys(DEVELOPMENT_VAULT_MASTER_KEY)
    one, two = UUID(int=1), UUID(int=2)
    first, second = keys.seal(one, DENOUNCER.as_dict()), keys.seal(two, DENOUNCER.as_dict())
    assert first.wrapped_key != second.wrapped_key and first.ciphertext != second.ciphertext
    assert keys.open(one, first) == DENOUNCER.as_dict()
    with pytest.raises(VaultKeyError):  # moved onto another id, it does not open
        keys.open(two, first)


@pytest.mark.parametrize("keys", ["", "not base64!", "c2hvcnQ="])
def test_a_malformed_master_key_stops_the_start(keys: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="vault master key"):
        LettersSettings(data_dir=tmp_path, letters_vault_master_keys=keys)


def test_production_refuses_the_development_master_key(tmp_path: Path) -> None:
    strong = "x" * 20 + "abcdefghijklmnopqrstuvwxyz0123456789"
    with pytest.raises(ValueError, match="LETTERS_VAULT_MASTER_KEYS"):
        LettersSettings(environment="production", jwt_signing_key=strong, data_dir=tmp_path)


def test_a_refused_letter_leaves_nothing_in_the_vault(letters: Letters) -> None:
    intake = Intake(kind=LetterKind.DENUNCIATION, channel=Channel.ONLINE,
                    received_on=date(2026, 6, 30), summary="Tố cáo")  # online: not yet law
    with pytest.raises(errors.RuleNotInForceError):
        letters.receive(UBND, intake, denouncer=DENOUNCER)
    with letters.vault.tables.transaction(commit=False) as cursor:
        cursor.execute(f"SELECT count(*) AS n FROM {letters.vault.tables.table('vault_sealed')}")
        assert cursor.fetchone()["n"] == 0
