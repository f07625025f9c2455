"""The names typed at sign-off that are worth a second look."""

from __future__ import annotations

from rmp_desktop.domain.signer_names import Signers, signer_name_warning

SIGNERS = Signers("Lâm Thị Hồng Nhung", "Nhung", "Ngozi Adeyemi-Clarke")


def test_the_right_names_pass_whatever_their_case_and_accents():
    for typed in ("Ngozi Adeyemi-Clarke", "ngozi adeyemi clarke", "Ngozi", " Adeyemi-Clarke "):
        assert signer_name_warning("manager", typed, SIGNERS) is None
    for typed in ("Lâm Thị Hồng Nhung", "lam thi hong nhung", "Nhung"):
        assert signer_name_warning("employee", typed, SIGNERS) is None
    assert signer_name_warning("manager", "", SIGNERS) is None  # refused elsewhere, in words


def test_the_manager_signing_with_the_staff_members_name_is_stopped():
    warning = signer_name_warning("manager", "Nhung", SIGNERS)
    assert warning == ("“Nhung” is the staff member's name. The manager signs here, with their "
                       "own name.")


def test_a_manager_other_than_the_one_recorded_is_pointed_out():
    warning = signer_name_warning("manager", "Tomasz Wiśniewski", SIGNERS)
    assert "records Ngozi Adeyemi-Clarke as the manager" in warning
    assert signer_name_warning("manager", "Anyone", Signers("A B", "", "")) is None  # none recorded


def test_the_staff_member_signing_with_the_managers_name_or_another_is_pointed_out():
    assert "is the manager's name" in signer_name_warning("employee", "Ngozi Adeyemi-Clarke",
                                                          SIGNERS)
    assert "This record is Lâm Thị Hồng Nhung's" in signer_name_warning("employee", "Priya Shah",
                                                                        SIGNERS)
