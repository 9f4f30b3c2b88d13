"""Test helpers that talk to /wechat the way WeChat does, through the Flask test client."""

from __future__ import annotations

from dataclasses import dataclass

import xmltodict

from bot.simulator import SignedRequest, Simulator, make_click, make_event, make_text


@dataclass
class Reply:
    status: int
    body: str
    fields: dict | None

    @property
    def content(self) -> str:
        """The text the patient sees; empty for `success` or an error."""
        return (self.fields or {}).get("Content") or ""


class CallbackClient:
    def __init__(self, client, simulator: Simulator) -> None:
        self.client = client
        self.simulator = simulator

    def post(self, xml: str, safe: bool = False) -> Reply:
        return self.send(self.simulator.request(xml, safe=safe))

    def send(self, signed: SignedRequest) -> Reply:
        response = self.client.post("/wechat", query_string=signed.params, data=signed.body.encode(), content_type="text/xml")
        body = response.get_data(as_text=True)
        # A server closes the response once it is sent, which runs the work
        # the app deferred until after the reply (menu cards).
        response.close()
        if response.status_code != 200 or body in ("", "success"):
            return Reply(response.status_code, body, None)

        plain = self.simulator.decode_reply(body, signed.params)
        return Reply(response.status_code, body, xmltodict.parse(plain)["xml"])

    def text(self, openid: str, content: str, safe: bool = False, **kwargs) -> Reply:
        return self.post(make_text(openid, content, **kwargs), safe=safe)

    def click(self, openid: str, key: str, safe: bool = False, **kwargs) -> Reply:
        return self.post(make_click(openid, key, **kwargs), safe=safe)

    def event(self, openid: str, event: str, key: str | None = None, safe: bool = False, **kwargs) -> Reply:
        return self.post(make_event(openid, event, key, **kwargs), safe=safe)
