"""Sign-off names worth a second look: each warning in full, and the names that pass."""

from __future__ import annotations

from rmp_desktop.domain.signer_names import Signers, signer_name_warning

SIGNERS = Signers("Lâm Thị Hồng Nhung", "Nhung", "Ngozi Adeyemi-Clarke")


def test_each_warning_in_full():
    assert signer_name_warning("manager", " Tomasz Wiśniewski ", SIGNERS) == (
        "The conversation records Ngozi Adeyemi-Clarke as the manager. Check the name, or "
        "change the manager on the Set-up step.")
    assert signer_name_warning("employee", " Ngozi Adeyemi-Clarke ", SIGNERS) == (
        "“Ngozi Adeyemi-Clarke” is the manager's name. The staff member signs here, with their "
        "own name.")
    assert signer_name_warning("employee", "Priya Shah", SIGNERS) == (
        "This record is Lâm Thị Hồng Nhung's. Check that they are the one signing, with their "
        "own name.")
    assert signer_name_warning("manager", " lam thi ", SIGNERS) == (
        "“lam thi” is the staff member's name. The manager signs here, with their own name.")
    padded = Signers(" Lâm Nhung ", "", " Ngozi Clarke ")
    assert signer_name_warning("manager", "Priya", padded).startswith(
        "The conversation records Ngozi Clarke as the manager.")
    assert signer_name_warning("employee", "Priya", padded).startswith(
        "This record is Lâm Nhung's.")


def test_a_name_that_is_only_punctuation_is_left_to_the_other_checks():
    assert signer_name_warning("manager", " - . ", SIGNERS) is None
    assert signer_name_warning("employee", "  ", SIGNERS) is None


def test_the_preferred_name_is_the_staff_members_name_too():
    signers = Signers("Adaeze Okafor", "Daisy", "Ngozi Adeyemi-Clarke")
    assert signer_name_warning("employee", "Daisy", signers) is None
    assert signer_name_warning("employee", "daisy okafor", signers) is None  # preferred + surname
    assert signer_name_warning("manager", "Daisy", signers) == (
        "“Daisy” is the staff member's name. The manager signs here, with their own name.")
    assert signer_name_warning("manager", "Okafor", signers).startswith("“Okafor” is the staff")


def test_a_name_both_people_share_is_not_a_slip_for_either():
    shared = Signers("Sam Taylor", "", "Sam Taylor")
    assert signer_name_warning("manager", "Sam Taylor", shared) is None
    assert signer_name_warning("employee", "Sam Taylor", shared) is None
    partly = Signers("Sam Taylor", "", "Sam Okoye")
    assert signer_name_warning("manager", "Sam", partly) is None
    assert signer_name_warning("employee", "Sam", partly) is None


def test_nothing_recorded_to_compare_with_gives_no_warning():
    empty = Signers("", "", "")
    assert signer_name_warning("manager", "Anyone", empty) is None
    assert signer_name_warning("employee", "Anyone", empty) is None
    assert signer_name_warning("employee", "Anyone", Signers(" ", "-", "Ngozi")) is None
    assert signer_name_warning("manager", "Anyone", Signers("Sam", "", " - ")) is None


def test_names_match_word_by_word_either_way_round():
    signers = Signers("Ngozi Adeyemi-Clarke", "", "Tomasz Wiśniewski")
    for typed in ("ngozi", "NGOZI ADEYEMI CLARKE", "Ngozi Adeyemi-Clarke MBE"[:20],
                  "Clarke, Ngozi"):
        assert signer_name_warning("employee", typed, signers) is None, typed
    assert signer_name_warning("employee", "Ngozi Okafor", signers) is not None
    assert signer_name_warning("employee", "Ngozi Adeyemi-Clarke Okafor", signers) is None
    assert signer_name_warning("manager", "wisniewski", signers) is None
    assert signer_name_warning("manager", "Tom", signers) is not None
