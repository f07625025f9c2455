"""The key that signs exported records as PDFs: one made for this installation, or the
organisation's own certificate when IT provides one.

The installation's key is made the first time it is needed: an elliptic-curve (P-256) key
and a self-signed certificate, kept in the data folder's `signing/` (owner-only, like the
store); About shows the certificate's SHA-256 fingerprint so a reader can compare it with
what their PDF reader shows. An organisation's PKCS#12 file is copied there too; its
password is never written to disk in the clear: it goes to the operating system's keyring
when one is available, and is otherwise asked for each time it is needed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FOLDER = "signing"
# The key and its certificate in one file, so no reader ever pairs one process's key with
# another's certificate; made once, by whichever process links it into place first.
INSTALLATION_PAIR = "installation.pem"
ORGANISATION_P12 = "organisation.p12"
ORGANISATION_CERT = "organisation-cert.pem"  # public: lets `verify` trust it without the password
KEYRING_SERVICE = "rmp-desktop PDF signing"
_YEARS = 20
# Two exports at once (a batch beside a single export) must not each make a key: the second
# would replace the first's key and certificate while a PDF is being signed with them.
_MAKING = threading.Lock()

AskPassword = Callable[[], bytes | None]


class SigningUnavailable(Exception):
    """No key can sign just now; the message says what to do."""


@dataclass(frozen=True)
class SigningIdentity:
    signer: Any  # pyhanko.sign.signers.Signer (imported only when signing)
    certificate: Any  # asn1crypto.x509.Certificate (a library without type information)
    fingerprint: str  # SHA-256 of the certificate, hex
    description: str  # in words, for About and `verify`


def certificate_fingerprint(certificate: Any) -> str:
    return hashlib.sha256(certificate.dump()).hexdigest()


def spaced(fingerprint: str) -> str:
    """The fingerprint as PDF readers and certificate viewers show it: pairs of hex digits."""
    return ":".join(fingerprint[i:i + 2].upper() for i in range(0, len(fingerprint), 2))


def folder_of(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER


def identity_for(data_dir: Path, ask_password: AskPassword | None = None) -> SigningIdentity:
    """The organisation's certificate when one is set up, else this installation's key."""
    if (folder_of(data_dir) / ORGANISATION_P12).is_file():
        return organisation_identity(data_dir, ask_password)
    return installation_identity(data_dir)


# -- this installation's own key ---------------------------------------------------------------


def installation_identity(data_dir: Path) -> SigningIdentity:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization

    folder = folder_of(data_dir)
    pair_file = folder / INSTALLATION_PAIR
    with _MAKING:
        if not pair_file.is_file():
            _make_installation_key(folder)
    pair = pair_file.read_bytes()
    key = serialization.load_pem_private_key(pair, password=None)
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(pair)
    certificate = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    return _identity(certificate, asn1_keys.PrivateKeyInfo.load(der_key), [],
                     "this installation's own key (a self-signed certificate)")


def current_certificate(data_dir: Path) -> tuple[str, str]:
    """(what signs, its certificate's fingerprint) without asking for any password."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    organisation = folder_of(data_dir) / ORGANISATION_CERT
    if organisation.is_file() and (folder_of(data_dir) / ORGANISATION_P12).is_file():
        _, _, der = pem.unarmor(organisation.read_bytes())
        certificate = asn1_x509.Certificate.load(der)
        return (f"your organisation's certificate ({certificate.subject.human_friendly})",
                certificate_fingerprint(certificate))
    identity = installation_identity(data_dir)
    return identity.description, identity.fingerprint


def installation_fingerprint(data_dir: Path) -> str:
    """The installation certificate's fingerprint, making the key if there is none yet."""
    return installation_identity(data_dir).fingerprint


def _make_installation_key(folder: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    _private_folder(folder)
    key = ec.generate_private_key(ec.SECP256R1())
    # A name that identifies the key, never the person or the computer (both are personal).
    tag = hashlib.sha256(key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)).hexdigest()
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, f"Realising My Potential installation {tag[:8]}"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Realising My Potential (self-signed)")])
    now = datetime.now(UTC)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True,
                          key_encipherment=False, data_encipherment=False, key_agreement=False,
                          key_cert_sign=False, crl_sign=False, encipher_only=False,
                          decipher_only=False)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=365 * _YEARS))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .sign(key, hashes.SHA256()))
    pair = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()) + cert.public_bytes(
        serialization.Encoding.PEM)
    if _create_private(folder / INSTALLATION_PAIR, pair):
        log.info("made this installation's PDF signing key")


# -- the organisation's certificate ------------------------------------------------------------


def use_organisation_certificate(data_dir: Path, pkcs12: Path, password: bytes, *,
                                 remember: bool = True) -> tuple[SigningIdentity, bool]:
    """Check that the PKCS#12 file opens with `password`, keep a copy, and remember the
    password in the keyring if there is one. Returns the identity and whether it was kept."""
    data = Path(pkcs12).read_bytes()
    identity = _load_pkcs12(data, password)
    folder = folder_of(data_dir)
    _private_folder(folder)
    _write_private(folder / ORGANISATION_P12, data)
    from asn1crypto import pem

    _write_private(folder / ORGANISATION_CERT, pem.armor("CERTIFICATE", identity.certificate.dump()))
    remembered = remember and _keyring_set(_keyring_user(data), password)
    log.info("PDF signing now uses the organisation's certificate (password %s)",
             "in the keyring" if remembered else "asked when needed")
    return identity, remembered


def stop_using_organisation_certificate(data_dir: Path) -> None:
    path = folder_of(data_dir) / ORGANISATION_P12
    if path.is_file():
        _keyring_delete(_keyring_user(path.read_bytes()))
        path.unlink()
    (folder_of(data_dir) / ORGANISATION_CERT).unlink(missing_ok=True)


def organisation_identity(data_dir: Path, ask_password: AskPassword | None) -> SigningIdentity:
    data = (folder_of(data_dir) / ORGANISATION_P12).read_bytes()
    password = _keyring_get(_keyring_user(data))
    if password is None and ask_password is not None:
        password = ask_password()
    if password is None:
        raise SigningUnavailable(
            "The organisation's signing certificate needs its password, and none is kept in "
            "this computer's keyring. Run the export from a terminal or the window to be "
            "asked for it, or set it up again with `rmp-desktop signing-key --pkcs12 FILE`.")
    return _load_pkcs12(data, password)


def _load_pkcs12(data: bytes, password: bytes) -> SigningIdentity:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, password)
    except ValueError as exc:
        raise SigningUnavailable("The organisation's certificate file could not be opened: the "
                                 "password is wrong, or the file is not a PKCS#12 (.p12/.pfx) "
                                 "file.") from exc
    if key is None or cert is None:
        raise SigningUnavailable("The certificate file holds no private key and certificate to "
                                 "sign with. Ask IT for a PKCS#12 file that includes the key.")
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    certificate = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    chain = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
             for c in extra or ()]
    subject = certificate.subject.human_friendly
    return _identity(certificate, asn1_keys.PrivateKeyInfo.load(der_key), chain,
                     f"your organisation's certificate ({subject})")


def trusted_certificates(data_dir: Path) -> list[Any]:
    """Certificates whose signatures `verify` accepts as this installation's or organisation's."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    found = []
    for name in (INSTALLATION_PAIR, ORGANISATION_CERT):
        path = folder_of(data_dir) / name
        if path.is_file():
            found += [asn1_x509.Certificate.load(der) for kind, _, der
                      in pem.unarmor(path.read_bytes(), multiple=True) if kind == "CERTIFICATE"]
    return found


def _identity(certificate: Any, key: Any, chain: list[Any], description: str) -> SigningIdentity:
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    signer = signers.SimpleSigner(signing_cert=certificate, signing_key=key,
                                  cert_registry=SimpleCertificateStore.from_certs(
                                      [certificate, *chain]))
    return SigningIdentity(signer, certificate, certificate_fingerprint(certificate), description)


# -- the keyring -------------------------------------------------------------------------------


def _keyring_user(pkcs12: bytes) -> str:
    return "pkcs12-" + hashlib.sha256(pkcs12).hexdigest()[:16]


def _keyring_get(user: str) -> bytes | None:
    try:
        import keyring

        value = keyring.get_password(KEYRING_SERVICE, user)
    except Exception:  # noqa: BLE001 - no keyring, or a locked one: ask instead
        return None
    return value.encode("utf-8") if value is not None else None


def _keyring_set(user: str, password: bytes) -> bool:
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, user, password.decode("utf-8"))
    except Exception:  # noqa: BLE001 - no usable keyring: the password is asked when needed
        return False
    return True


def _keyring_delete(user: str) -> None:
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, user)
    except Exception:  # noqa: BLE001 - nothing kept, nothing to delete
        pass


def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(folder, 0o700)
    except OSError:
        pass


def _create_private(path: Path, data: bytes) -> bool:
    """Write `path` whole unless it exists: linked into place, so of two processes making it at
    once exactly one wins and the other keeps what the winner wrote. True if this one won."""
    fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(partial, path)
        except FileExistsError:
            return False
        return True
    finally:
        Path(partial).unlink(missing_ok=True)


def _write_private(path: Path, data: bytes) -> None:
    # A temporary name of its own (mkstemp: 0600), so two writers never share one.
    fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


__all__ = ["SigningIdentity", "SigningUnavailable", "certificate_fingerprint", "identity_for",
           "installation_fingerprint", "installation_identity", "spaced",
           "stop_using_organisation_certificate", "trusted_certificates",
           "use_organisation_certificate"]
