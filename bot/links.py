"""Links from bot replies into the H5 pages."""

from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup, escape

# The login entry of the H5 pages (web.auth): it authorizes through WeChat
# when needed and then redirects to the page named by `next`.
AUTH_ENTRY = "/h5/auth"


class Links:
    """Build absolute URLs of H5 pages from the configured public base URL."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")

    def h5(self, path: str, **params: object) -> str:
        """Return the URL that logs the patient in and lands on the H5 page at path ("/h5/appointments").

        A tap in WeChat opens a browser without our session, so every link goes
        through the login entry with the page as `next`.
        """
        page = path
        if params:
            page = f"{page}?{urlencode(params)}"
        return f"{self.base_url}{AUTH_ENTRY}?{urlencode({'next': page}, safe='/')}"

    def anchor(self, label: str, path: str, **params: object) -> Markup:
        """Return an <a> tag for a text reply; WeChat shows it as a tappable link.

        The URL is passed as Markup because urlencode already percent-encodes
        quotes and brackets, and WeChat would show an escaped ``&amp;`` as is.
        """
        return Markup('<a href="{}">{}</a>').format(Markup(self.h5(path, **params)), escape(label))
