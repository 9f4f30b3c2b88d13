"""Links from bot replies into the H5 pages."""

from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup, escape


class Links:
    """Build absolute URLs of H5 pages from the configured public base URL."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")

    def h5(self, path: str, **params: object) -> str:
        """Return the absolute URL of the H5 page at path ("/h5/orders")."""
        url = f"{self.base_url}{path}"
        if params:
            url = f"{url}?{urlencode(params)}"
        return url

    def anchor(self, label: str, path: str, **params: object) -> Markup:
        """Return an <a> tag for a text reply; WeChat shows it as a tappable link.

        The URL is passed as Markup because urlencode already percent-encodes
        quotes and brackets, and WeChat would show an escaped ``&amp;`` as is.
        """
        return Markup('<a href="{}">{}</a>').format(Markup(self.h5(path, **params)), escape(label))
