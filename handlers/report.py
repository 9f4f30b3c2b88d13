"""我的成绩单: the patient's four stage scores and total."""

from bot.router import Answer, Inbound
from bot.texts import render_text
from handlers import menu_keys
from handlers.registry import router
from models.queries import get_report


@router.click(menu_keys.MY_REPORT)
@router.keyword("成绩", "成绩单", "我的成绩单", "报告", "4")
def show_report(inbound: Inbound) -> Answer:
    report = get_report(inbound.db, inbound.openid)
    text = render_text("report", report=report, links=inbound.links)
    return Answer(text=text, view="report", data=report)
