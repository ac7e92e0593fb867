"""SMTP and nothing else: `send_mail(smtp, message)` with the stdlib `smtplib`.

`SmtpSettings.from_settings()` checks the CLAIMWATCH_SMTP_* / CLAIMWATCH_DIGEST_* values
and names every missing variable. Errors are `MailError`; `TransientMailError` (a 4xx
reply, a refused or dropped connection, a timeout) is worth retrying, anything else is not.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from flows.settings import Settings, SettingsError


class MissingSettingError(SettingsError):
    """A setting the digest needs is not set; the message names the variable(s)."""


class MailError(RuntimeError):
    """The message could not be handed to the SMTP server."""


class TransientMailError(MailError):
    """A failure that may pass: 4xx reply, connection refused or dropped, timeout."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    recipients: tuple[str, ...]
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 30.0

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpSettings:
        """The SMTP part of `settings`; raises MissingSettingError naming what is missing."""
        missing = []
        if not settings.smtp_host:
            missing.append("CLAIMWATCH_SMTP_HOST")
        if not settings.digest_from:
            missing.append("CLAIMWATCH_DIGEST_FROM")
        if not settings.digest_to:
            missing.append("CLAIMWATCH_DIGEST_TO")
        if settings.smtp_user and not settings.smtp_password:
            missing.append("CLAIMWATCH_SMTP_PASSWORD")
        if missing:
            names = " and ".join(
                [", ".join(missing[:-1]), missing[-1]] if missing[:-1] else missing
            )
            raise MissingSettingError(
                f"{names} {'is' if len(missing) == 1 else 'are'} not set: sending the digest "
                "needs the SMTP server and addresses (CLAIMWATCH_DIGEST_TO takes "
                "comma-separated addresses; `claimwatch digest --dry-run` needs none)"
            )
        assert settings.smtp_host  # checked above, for mypy
        assert settings.digest_from
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            sender=settings.digest_from,
            recipients=tuple(settings.digest_to),
            user=settings.smtp_user,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
        )


def send_mail(smtp: SmtpSettings, message: EmailMessage) -> None:
    """Hand `message` to the server; every recipient must be accepted or MailError is raised."""
    where = f"{smtp.host}:{smtp.port}"
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as server:
            if smtp.starttls:
                server.starttls(context=ssl.create_default_context())
            if smtp.user:
                server.login(smtp.user, smtp.password or "")
            refused = server.send_message(
                message, from_addr=smtp.sender, to_addrs=list(smtp.recipients)
            )
    except smtplib.SMTPRecipientsRefused as err:
        raise _classified(f"{where} refused every recipient: {err.recipients}", err) from err
    except smtplib.SMTPResponseException as err:
        raw = err.smtp_error
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        raise _from_code(err.smtp_code, f"{where} answered {err.smtp_code} {text}") from err
    except (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError) as err:
        raise TransientMailError(f"could not talk to {where}: {err}") from err
    except OSError as err:  # name resolution, unreachable network
        raise TransientMailError(f"could not reach {where}: {err}") from err
    except smtplib.SMTPException as err:  # STARTTLS unsupported, no AUTH offered, ...
        raise MailError(f"{where}: {err}") from err
    if refused:
        raise MailError(f"{where} refused some recipients: {sorted(refused)}")


def _from_code(code: int, text: str) -> MailError:
    return TransientMailError(text) if 400 <= code < 500 else MailError(text)


def _classified(text: str, err: smtplib.SMTPRecipientsRefused) -> MailError:
    codes = [code for code, _ in err.recipients.values()]
    return TransientMailError(text) if all(400 <= c < 500 for c in codes) else MailError(text)
