"""个人信息: the patient's WeChat nickname and a link to the H5 personal center."""

from bot.router import Answer, Inbound
from bot.texts import render_text
from handlers import menu_keys
from handlers.registry import router
from models.queries import get_profile


@router.click(menu_keys.MY_PROFILE)
@router.keyword("我", "个人信息", "个人中心", "5")
def show_profile(inbound: Inbound) -> Answer:
    profile = get_profile(inbound.db, inbound.openid)
    text = render_text("profile", profile=profile, links=inbound.links)
    return Answer(text=text, view="profile", data=profile)
