"""我的预约: the patient's unpaid and paid appointments."""

from bot.router import Answer, Inbound
from bot.texts import render_text
from handlers import menu_keys
from handlers.registry import LIST_LIMIT, router
from models.queries import list_open_appointments


@router.click(menu_keys.MY_APPOINTMENTS)
@router.keyword("预约", "我的预约", "订单", "我的订单", "1")
def show_appointments(inbound: Inbound) -> Answer:
    items = list_open_appointments(inbound.db, inbound.openid)
    text = render_text("appointments", items=items, limit=LIST_LIMIT, links=inbound.links)
    return Answer(text=text, view="appointments", data=items)
