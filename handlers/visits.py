"""就诊记录: the patient's completed visits."""

from bot.router import Answer, Inbound
from bot.texts import render_text
from handlers import menu_keys
from handlers.registry import LIST_LIMIT, router
from models.queries import list_visits


@router.click(menu_keys.MY_VISITS)
@router.keyword("就诊", "记录", "就诊记录", "2")
def show_visits(inbound: Inbound) -> Answer:
    items = list_visits(inbound.db, inbound.openid)
    text = render_text("visits", items=items, limit=LIST_LIMIT, links=inbound.links)
    return Answer(text=text, view="visits", data=items)
