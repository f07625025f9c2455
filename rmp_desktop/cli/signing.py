"""`signing-key`: which key signs exported records as PDFs, and its fingerprint.

By default a key made for this installation; with `--pkcs12 FILE` the organisation's
certificate from IT. The PKCS#12 password is asked on the terminal (never an argument, which
would land in shell history), checked, and kept in the OS keyring when there is one.
"""

from __future__ import annotations

import argparse
import sys

from rmp_desktop.cli.registry import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, command
from rmp_desktop.paths import AppPaths


@command("signing-key", "show or choose the key that signs exported records as PDFs")
def _signing_args(p: argparse.ArgumentParser) -> None:
    choice = p.add_mutually_exclusive_group()
    choice.add_argument("--pkcs12", metavar="FILE",
                        help="sign with your organisation's certificate (a .p12/.pfx file from "
                             "IT); its password is asked for and kept in the OS keyring")
    choice.add_argument("--installation", action="store_true",
                        help="go back to this installation's own key")


def run_signing_key(args, paths: AppPaths) -> int:
    from rmp_desktop.export import signing_key as keys

    if args.installation:
        keys.stop_using_organisation_certificate(paths.data_dir)
    if args.pkcs12:
        if not sys.stdin.isatty():
            print("The certificate's password is asked on a terminal; run this command in one.",
                  file=sys.stderr)
            return EXIT_USAGE
        import getpass

        password = getpass.getpass("Password of the certificate file: ").encode("utf-8")
        try:
            identity, kept = keys.use_organisation_certificate(paths.data_dir, args.pkcs12,
                                                               password)
        except (keys.SigningUnavailable, OSError) as exc:
            print(getattr(exc, "strerror", None) or str(exc), file=sys.stderr)
            return EXIT_PROBLEM
        print("The password is kept in this computer's keyring." if kept else
              "No keyring is available here: the password will be asked for at each export.")
    else:
        try:
            identity = keys.identity_for(paths.data_dir, _ask_on_terminal)
        except keys.SigningUnavailable as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_PROBLEM
    print(f"Signed records are signed with {identity.description}.")
    print(f"Certificate fingerprint (SHA-256): {keys.spaced(identity.fingerprint)}")
    return EXIT_OK


def _ask_on_terminal() -> bytes | None:
    if not sys.stdin.isatty():
        return None
    import getpass

    return getpass.getpass("Password of the organisation's certificate: ").encode("utf-8")
