"""Each menu key and keyword is answered from the demo data."""

import pytest
from sqlalchemy import delete

from bot.db import transaction
from bot.demo import (
    PATIENT_UNPAID_ONLY,
    PATIENT_WITH_EMOJI,
    PATIENT_WITH_EVERYTHING,
    PATIENT_WITHOUT_RECORDS,
)
from bot.services import services
from handlers import menu_keys
from models import Hospital

STRANGER = "oNeverFollowedAbcdefgh012345"

# What 王小美 sees for each personal-center view.
EXPECTED_FOR_WANG = {
    menu_keys.MY_APPOINTMENTS: ["您有 3 个预约", "王小美｜待付款", "王小美｜已付款", "（已申请支付审核）", "导诊电话：13800000001", '/h5/appointments/'],
    menu_keys.MY_VISITS: ["您共有 2 次就诊记录", "市妇幼保健院东院", "和美妇产医院", "/h5/visits"],
    menu_keys.MY_CLAIMS: ["当归黄芪乌鸡汤包｜已申请", "通草猪蹄催乳汤包｜已邮寄", "快递：顺丰速运 SF1234567890123", "/h5/claims"],
    menu_keys.MY_REPORT: ["孕前成绩：86", "孕中成绩：92", "产后成绩：78", "康复成绩：88", "总成绩：344", "/h5/report"],
    menu_keys.MY_PROFILE: ["昵称：小美", "/h5/"],
    menu_keys.GUIDE_TEL: ["市妇幼保健院东院：13800000001", "和美妇产医院：13800000002"],
    menu_keys.HELP: ["1 我的预约", "6 导诊电话", "0 帮助"],
}

KEYWORDS = {
    menu_keys.MY_APPOINTMENTS: ["预约", "我的预约", "订单", "1", "１", "我的预约！", " 预约 ", "【我的预约】", "订单。"],
    menu_keys.MY_VISITS: ["就诊", "记录", "就诊记录", "2", "２"],
    menu_keys.MY_CLAIMS: ["药膳", "领取", "快递", "3", "药膳领取？"],
    menu_keys.MY_REPORT: ["成绩", "成绩单", "报告", "4", "我的成绩单"],
    menu_keys.MY_PROFILE: ["我", "个人信息", "5"],
    menu_keys.GUIDE_TEL: ["导诊电话", "电话", "6"],
    menu_keys.HELP: ["帮助", "菜单", "?", "？", "0", "HELP", "ｈｅｌｐ"],
}


@pytest.mark.parametrize("safe", [False, True], ids=["plaintext", "safe"])
@pytest.mark.parametrize("key", sorted(EXPECTED_FOR_WANG))
def test_menu_click(wechat, demo, key, safe):
    reply = wechat.click(PATIENT_WITH_EVERYTHING, key, safe=safe)

    for expected in EXPECTED_FOR_WANG[key]:
        assert expected in reply.content


@pytest.mark.parametrize(
    ("key", "word"),
    [(key, word) for key, words in sorted(KEYWORDS.items()) for word in words],
)
def test_keyword(wechat, demo, key, word):
    reply = wechat.text(PATIENT_WITH_EVERYTHING, word)

    for expected in EXPECTED_FOR_WANG[key]:
        assert expected in reply.content


def test_appointments_hide_closed_and_completed(wechat, demo):
    reply = wechat.click(PATIENT_WITH_EVERYTHING, menu_keys.MY_APPOINTMENTS)

    assert "已关闭" not in reply.content
    assert "已完成" not in reply.content
    assert reply.content.count("查看详情") == 3


def test_appointments_sorted_by_booking_time(wechat, demo):
    content = wechat.click(PATIENT_WITH_EVERYTHING, menu_keys.MY_APPOINTMENTS).content

    assert content.index("1. 王小美｜待付款\n") < content.index("2. 王小美｜已付款") < content.index("3. 王小美｜待付款（已申请支付审核）")


def test_emoji_patient(wechat, demo):
    profile = wechat.click(PATIENT_WITH_EMOJI, menu_keys.MY_PROFILE).content
    claims = wechat.click(PATIENT_WITH_EMOJI, menu_keys.MY_CLAIMS).content

    assert "昵称：🌸娜娜💕" in profile
    assert "快递：中通快递 ZT7788990011" in claims


def test_other_patient_sees_only_own_rows(wechat, demo):
    content = wechat.click(PATIENT_UNPAID_ONLY, menu_keys.MY_APPOINTMENTS).content

    assert "您有 1 个预约" in content
    assert "陈静｜待付款" in content
    assert "王小美" not in content


EMPTY_ANSWERS = {
    menu_keys.MY_APPOINTMENTS: "您目前没有待付款或已付款的预约",
    menu_keys.MY_VISITS: "您还没有就诊记录",
    menu_keys.MY_CLAIMS: "您还没有药膳领取记录",
    menu_keys.MY_REPORT: "您的成绩单还没有发布",
    menu_keys.GUIDE_TEL: "医院咨询电话：\n市妇幼保健院东院：020-88880001",
}


@pytest.mark.parametrize("openid", [PATIENT_WITHOUT_RECORDS, STRANGER], ids=["follower", "unknown"])
@pytest.mark.parametrize("key", sorted(EMPTY_ANSWERS))
def test_patient_without_records(wechat, demo, key, openid):
    reply = wechat.click(openid, key)

    assert EMPTY_ANSWERS[key] in reply.content


def test_profile_of_unknown_user(wechat, demo):
    reply = wechat.click(STRANGER, menu_keys.MY_PROFILE)

    assert "暂时没有您的个人信息" in reply.content


def test_profile_without_nickname(wechat, demo):
    reply = wechat.click(PATIENT_WITHOUT_RECORDS, menu_keys.MY_PROFILE)

    assert "昵称：未授权" in reply.content
    assert "同意授权后" in reply.content


def test_guide_phone_without_any_hospital(app, wechat):
    with transaction(services(app).sessions) as session:
        session.execute(delete(Hospital))

    reply = wechat.click(STRANGER, menu_keys.GUIDE_TEL)

    assert "暂时没有可提供的电话" in reply.content


def test_unscored_stages_read_as_pending(wechat, demo):
    content = wechat.click(PATIENT_UNPAID_ONLY, menu_keys.MY_REPORT).content

    assert "孕前成绩：90" in content
    assert "产后成绩：暂无" in content
    assert "康复成绩：暂无" in content
    assert "总成绩：175" in content
