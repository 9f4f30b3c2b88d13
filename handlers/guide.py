"""导诊电话: the guide phones of the patient's appointments, else the hospitals' phones."""

from dataclasses import dataclass

from bot.router import Answer, Inbound
from bot.texts import render_text
from handlers import menu_keys
from handlers.registry import router
from models.queries import list_hospital_contacts, list_open_appointments


@dataclass(frozen=True)
class GuidePhone:
    hospital_name: str
    tel: str


@router.click(menu_keys.GUIDE_TEL)
@router.keyword("导诊", "电话", "导诊电话", "6")
def show_guide_phones(inbound: Inbound) -> Answer:
    appointments = list_open_appointments(inbound.db, inbound.openid)
    guides = _distinct_phones(appointments)

    # Patients without an open appointment still need a number to call.
    hospitals = [] if guides else list_hospital_contacts(inbound.db)

    text = render_text("guide_tel", guides=guides, hospitals=hospitals)
    return Answer(text=text, view="guide_tel", data=guides)


def _distinct_phones(appointments) -> list[GuidePhone]:
    seen: dict[str, GuidePhone] = {}
    for item in appointments:
        if item.tel and item.tel not in seen:
            seen[item.tel] = GuidePhone(hospital_name=item.hospital_name, tel=item.tel)
    return list(seen.values())
