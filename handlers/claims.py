"""药膳领取: the patient's medicinal-diet claims and their mailing status."""

from bot.router import Answer, Inbound
from bot.texts import render_text
from handlers import menu_keys
from handlers.registry import LIST_LIMIT, router
from models.queries import list_claims


@router.click(menu_keys.MY_CLAIMS)
@router.keyword("药膳", "领取", "快递", "药膳领取", "3")
def show_claims(inbound: Inbound) -> Answer:
    items = list_claims(inbound.db, inbound.openid)
    text = render_text("claims", items=items, limit=LIST_LIMIT, links=inbound.links)
    return Answer(text=text, view="claims", data=items)
