"""The agent's summary (assistant/summary.py over prompts/summary/agent.<lang>.j2): exact text per case,
a translation for every intent, remedy, route, flag and buyer language, and a failed guard always said."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import pytest

from assistant.errors import InputError, TemplateError
from assistant.models import (
    CATEGORY_OF,
    Decision,
    DraftResult,
    Flag,
    GuardReport,
    GuardViolation,
    Intent,
    Language,
    OrderFacts,
    Reason,
    Remedy,
    Route,
    Severity,
    Signals,
    SourceRef,
)
from assistant.settings import PROJECT_ROOT
from assistant.signals import for_intent
from assistant.summary import AGENT_LANGUAGES, agent_summary

PROMPTS_DIR = PROJECT_ROOT / "prompts"
BUYER_LANGUAGES: list[Language] = ["en", "de", "fr", "es", "it", "ja", "zh", "other"]


def make_result(
    *,
    language: Language = "en",
    intent: Intent = Intent.SHIPPING_STATUS,
    flags: list[Flag] | None = None,
    decision: Decision | None = None,
    violations: list[str] | None = None,
) -> DraftResult:
    """A hand-built result; `violations` lists guard rule names, and any makes the guard fail."""
    return DraftResult(
        id="m-1",
        language=language,
        intent=intent,
        category=CATEGORY_OF[intent],
        confidence=0.9,
        flags=flags or [],
        decision=decision or Decision(),
        draft="(draft)",
        citations=[],
        guard=GuardReport(
            passed=not violations,
            violations=[GuardViolation(rule=r, span=(0, 1), message=f"broke {r}") for r in violations or []],
        ),
        timings_ms={},
    )


@dataclass
class Case:
    why: str
    result: DraftResult
    zh: str
    en: str
    order: OrderFacts | None = None
    severity: Severity | None = None
    careless_delivery: bool = False
    safety_incident: bool = False
    exchange: bool = False
    customs: bool = False
    extra_item: bool = False
    resolved: bool = False
    accident: bool = False
    elsewhere: bool = False
    price_drop: bool = False
    warranty: bool = False
    order_change: bool = False
    overcharge: bool = False
    off_platform: bool = False


CASES = [
    Case(
        why="severe damage, delivered cheap order, A-to-z threat: order facts, severity and flag on line 1",
        result=make_result(
            language="de",
            intent=Intent.DAMAGED_IN_TRANSIT,
            flags=[Flag.ATOZ_THREAT],
            decision=Decision(
                remedies=[Remedy.FULL_REFUND, Remedy.RESEND],
                ask_buyer_for=["photo"],
                reasons=[Reason(rule="damage_severe_cheap", source=SourceRef(document="d", section="s"))],
            ),
        ),
        order=OrderFacts(status="delivered", item_price=14.0, currency="USD"),
        severity=Severity.SEVERE,
        zh="买家（德语）反映商品运输破损（严重），订单已送达，价格 14 美元；标记：威胁A-to-z索赔。\n"
        "可提供：全额退款、补发；卖家处理；24小时内回复；请买家提供：照片。",
        en="Buyer (German) reports the item arrived damaged (severe), order delivered, price 14 USD; "
        "flags: threatens an A-to-z claim.\n"
        "May offer: full refund, resend; seller handles it; reply within 24 hours; ask the buyer for photos.",
    ),
    Case(
        why="missing part under CSBA: partial refund shows its cap, two asks, two flags, price with cents",
        result=make_result(
            language="it",
            intent=Intent.MISSING_ITEMS,
            flags=[Flag.REVIEW_THREAT, Flag.URGENT],
            decision=Decision(
                remedies=[Remedy.RESEND_PART, Remedy.PARTIAL_REFUND],
                max_partial_refund_pct=15,
                route=Route.CSBA,
                reply_within_hours=12,
                ask_buyer_for=["photo", "details"],
            ),
        ),
        order=OrderFacts(status="shipped", item_price=1299.5, currency="eur"),
        zh="买家（意大利语）反映包裹缺件/少发，订单已发货，价格 1,299.50 欧元；标记：威胁差评、紧急。\n"
        "可提供：补发配件、部分退款（上限15%）；转交亚马逊客服(CSBA)；12小时内回复；请买家提供：照片、问题详情。",
        en="Buyer (Italian) reports items or parts missing from the package, order shipped, price 1,299.50 EUR; "
        "flags: threatens a bad review, urgent.\n"
        "May offer: resend the missing part, partial refund (up to 15%); "
        "hand over to Customer Service by Amazon (CSBA); reply within 12 hours; "
        "ask the buyer for photos and details of the problem.",
    ),
    Case(
        why="pre-sale question with nothing to offer and a failed guard: rules named once each, in order",
        result=make_result(
            language="ja",
            intent=Intent.PRE_SALE_QUESTION,
            decision=Decision(route=Route.AMAZON, reply_within_hours=48),
            violations=["link", "promises", "link"],
        ),
        zh="买家（日语）售前咨询商品问题。\n"
        "可提供：无补偿方案；由亚马逊处理(FBA)；48小时内回复。草稿未通过检查，请勿直接发送（问题：link、promises）。",
        en="Buyer (Japanese) asks a pre-sale question about the product.\n"
        "May offer: no remedy; Amazon handles it (FBA); reply within 48 hours. "
        "Draft failed the guard: do not send as is (link, promises).",
    ),
    Case(
        why="a delivery question that is really about how the parcel was left says so",
        result=make_result(language="fr", intent=Intent.SHIPPING_STATUS, decision=Decision()),
        order=OrderFacts(status="delivered"),
        careless_delivery=True,
        zh="买家（法语）投诉快递员投递方式不当，订单已送达。\n可提供：无补偿方案；卖家处理；24小时内回复。",
        en="Buyer (French) complains about how the courier left the parcel, order delivered.\n"
        "May offer: no remedy; seller handles it; reply within 24 hours.",
    ),
    Case(
        why="an item that hurt someone says so after the flags",
        result=make_result(language="ja", intent=Intent.PRODUCT_DEFECT, flags=[Flag.URGENT],
                           decision=Decision(remedies=[Remedy.ESCALATE], route=Route.HUMAN, reply_within_hours=12)),
        safety_incident=True,
        zh="买家（日语）反映商品质量问题/故障；标记：紧急；反映商品造成伤害或险情（起火、触电、受伤、噎呛或不适）。\n"
        "可提供：升级处理；转人工；12小时内回复。",
        en="Buyer (Japanese) reports the product is defective; flags: urgent; reports harm or a near miss (fire, "
        "shock, injury, choking or illness).\nMay offer: escalate; hand over to a human; reply within 12 hours.",
    ),
    Case(
        why="a return request that asks for another size says so, and the agent sees the keep-it discount is gone",
        result=make_result(language="de", intent=Intent.RETURN_REQUEST,
                           decision=Decision(remedies=[Remedy.RETURN_AND_REFUND], reply_within_hours=48)),
        order=OrderFacts(status="delivered"),
        exchange=True,
        zh="买家（德语）希望换成其他尺码、颜色或款式，订单已送达。\n可提供：退货后退款；卖家处理；48小时内回复。",
        en="Buyer (German) wants to exchange the item for another size, colour or version, order delivered.\n"
        "May offer: refund after return; seller handles it; reply within 48 hours.",
    ),
    Case(
        why="a delivery question about a customs notice says so",
        result=make_result(language="es", intent=Intent.SHIPPING_STATUS, decision=Decision()),
        order=OrderFacts(status="shipped"),
        customs=True,
        zh="买家（西班牙语）咨询关税或海关扣件，订单已发货。\n可提供：无补偿方案；卖家处理；24小时内回复。",
        en="Buyer (Spanish) asks about customs charges or a parcel held at customs, order shipped.\n"
        "May offer: no remedy; seller handles it; reply within 24 hours.",
    ),
    Case(
        why="a buyer sent too much is named as such, whatever the intent read",
        result=make_result(language="it", intent=Intent.MISSING_ITEMS,
                           decision=Decision(route=Route.HUMAN, reply_within_hours=24)),
        order=OrderFacts(status="delivered"),
        extra_item=True,
        zh="买家（意大利语）反映多收到了商品（重复发货或多发），订单已送达。\n可提供：无补偿方案；转人工；24小时内回复。",
        en="Buyer (Italian) reports receiving more than they paid for, order delivered.\n"
        "May offer: no remedy; hand over to a human; reply within 24 hours.",
    ),
    Case(
        why="a follow-up that closes an earlier problem says so",
        result=make_result(language="ja", intent=Intent.MISSING_ITEMS, decision=Decision()),
        resolved=True,
        zh="买家（日语）表示之前的问题已自行解决。\n可提供：无补偿方案；卖家处理；24小时内回复。",
        en="Buyer (Japanese) says the earlier problem has sorted itself out.\n"
        "May offer: no remedy; seller handles it; reply within 24 hours.",
    ),
    Case(
        why="damage from the buyer's own accident is named, not 'arrived damaged'",
        result=make_result(language="zh", intent=Intent.DAMAGED_IN_TRANSIT,
                           decision=Decision(route=Route.HUMAN, reply_within_hours=24)),
        accident=True,
        zh="买家（中文）反映商品在收货后因自己意外损坏。\n可提供：无补偿方案；转人工；24小时内回复。",
        en="Buyer (Chinese) reports damage from their own accident after delivery.\n"
        "May offer: no remedy; hand over to a human; reply within 24 hours.",
    ),
    Case(
        why="a price-drop request is named for the agent",
        result=make_result(language="fr", intent=Intent.RETURN_REQUEST,
                           decision=Decision(route=Route.HUMAN, reply_within_hours=24)),
        price_drop=True,
        zh="买家（法语）因降价要求退差价。\n可提供：无补偿方案；转人工；24小时内回复。",
        en="Buyer (French) asks for the difference after a price drop.\n"
        "May offer: no remedy; hand over to a human; reply within 24 hours.",
    ),
    Case(
        why="a fault after months of use is named as a warranty matter",
        result=make_result(language="de", intent=Intent.PRODUCT_DEFECT,
                           decision=Decision(route=Route.HUMAN, reply_within_hours=24)),
        warranty=True,
        zh="买家（德语）反映使用数月后出现故障（保修问题）。\n可提供：无补偿方案；转人工；24小时内回复。",
        en="Buyer (German) reports a fault after months of use (warranty).\n"
        "May offer: no remedy; hand over to a human; reply within 24 hours.",
    ),
    Case(
        why="a change to a placed order is named, not 'wants to cancel'",
        result=make_result(language="es", intent=Intent.ORDER_CANCELLATION,
                           decision=Decision(remedies=[Remedy.CANCEL_ORDER], reply_within_hours=24)),
        order=OrderFacts(status="unshipped"),
        order_change=True,
        zh="买家（西班牙语）希望修改订单里的商品、尺码、颜色或数量，订单未发货。\n可提供：取消订单；卖家处理；24小时内回复。",
        en="Buyer (Spanish) wants to change the items, size, colour or quantity of the order, order not shipped yet.\n"
        "May offer: cancel the order; seller handles it; reply within 24 hours.",
    ),
    Case(
        why="a charge higher than expected is named, not 'writes about something else'",
        result=make_result(language="it", intent=Intent.OTHER,
                           decision=Decision(remedies=[Remedy.ESCALATE], route=Route.HUMAN, reply_within_hours=24)),
        overcharge=True,
        zh="买家（意大利语）反映扣款金额比预期多（高于标价、重复扣款或额外费用）。\n可提供：升级处理；转人工；24小时内回复。",
        en="Buyer (Italian) says they were charged more than expected (price, twice, or a fee).\n"
        "May offer: escalate; hand over to a human; reply within 24 hours.",
    ),
    Case(
        why="a request to deal outside the marketplace is flagged beside the intent",
        result=make_result(language="zh", intent=Intent.PRODUCT_DEFECT,
                           decision=Decision(remedies=[Remedy.FULL_REFUND], reply_within_hours=24)),
        off_platform=True,
        zh="买家（中文）反映商品质量问题/故障；要求在平台外交易或联系（需婉拒）。\n可提供：全额退款；卖家处理；24小时内回复。",
        en="Buyer (Chinese) reports the product is defective; asks to deal outside the marketplace (decline).\n"
        "May offer: full refund; seller handles it; reply within 24 hours.",
    ),
    Case(
        why="the careless-delivery wording belongs to shipping_status only",
        result=make_result(language="en", intent=Intent.DELIVERED_NOT_RECEIVED, decision=Decision()),
        careless_delivery=True,
        zh="买家（英语）反映物流显示已送达但未收到。\n可提供：无补偿方案；卖家处理；24小时内回复。",
        en="Buyer (English) says the order shows delivered but never arrived.\n"
        "May offer: no remedy; seller handles it; reply within 24 hours.",
    ),
    Case(
        why="unknown language, unclassified, unknown severity left out, price without currency, one hour",
        result=make_result(
            language="other",
            intent=Intent.OTHER,
            decision=Decision(remedies=[Remedy.ESCALATE], route=Route.HUMAN, reply_within_hours=1),
        ),
        order=OrderFacts(item_price=9.99),
        severity=Severity.UNKNOWN,
        zh="买家（语言未识别）咨询其他问题（未能归类），价格 9.99。\n可提供：升级处理；转人工；1小时内回复。",
        en="Buyer (language not recognised) writes about something else (not classified), price 9.99.\n"
        "May offer: escalate; hand over to a human; reply within 1 hour.",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
@pytest.mark.parametrize("agent_language", ["zh", "en"])
def test_summary_text(case: Case, agent_language: Literal["zh", "en"]) -> None:
    read = Signals(severity=case.severity or Severity.UNKNOWN, careless_delivery=case.careless_delivery,
                   safety_incident=case.safety_incident, exchange=case.exchange, customs=case.customs,
                   extra_item=case.extra_item, resolved=case.resolved, accident=case.accident,
                   elsewhere=case.elsewhere, price_drop=case.price_drop, warranty=case.warranty,
                   order_change=case.order_change, overcharge=case.overcharge, off_platform=case.off_platform)
    signals = for_intent(read, case.result.intent)  # as the pipeline passes them
    text = agent_summary(case.result, agent_language, PROMPTS_DIR, order=case.order, signals=signals)
    assert text == getattr(case, agent_language)


def _line(agent_language: str, result: DraftResult, index: int) -> str:
    lines = agent_summary(result, agent_language, PROMPTS_DIR).split("\n")
    assert len(lines) == 2, lines
    return lines[index]


@pytest.mark.parametrize("agent_language", AGENT_LANGUAGES)
def test_every_intent_has_its_own_words(agent_language: str) -> None:
    lines = {i: _line(agent_language, make_result(intent=i), 0) for i in Intent}
    assert len(set(lines.values())) == len(Intent), "two intents read the same"
    for intent, line in lines.items():
        assert intent.value not in line, f"{intent} shown as its code"


@pytest.mark.parametrize("agent_language", AGENT_LANGUAGES)
def test_every_buyer_language_has_its_own_name(agent_language: str) -> None:
    lines = {lang: _line(agent_language, make_result(language=lang), 0) for lang in BUYER_LANGUAGES}
    assert len(set(lines.values())) == len(BUYER_LANGUAGES)
    for lang, line in lines.items():
        assert f"({lang})" not in line and f"（{lang}）" not in line, f"{lang} shown as its code"


@pytest.mark.parametrize("agent_language", AGENT_LANGUAGES)
def test_every_remedy_has_its_own_words(agent_language: str) -> None:
    lines = {r: _line(agent_language, make_result(decision=Decision(remedies=[r])), 1) for r in Remedy}
    assert len(set(lines.values())) == len(Remedy)
    for remedy, line in lines.items():
        assert "_" not in line, f"{remedy} shown as its code"


@pytest.mark.parametrize("agent_language", AGENT_LANGUAGES)
def test_every_route_has_its_own_words(agent_language: str) -> None:
    lines = {r: _line(agent_language, make_result(decision=Decision(route=r)), 1) for r in Route}
    assert len(set(lines.values())) == len(Route)


@pytest.mark.parametrize("agent_language", AGENT_LANGUAGES)
def test_every_flag_and_ask_has_its_own_words(agent_language: str) -> None:
    flag_lines = {f: _line(agent_language, make_result(flags=[f]), 0) for f in Flag}
    assert len(set(flag_lines.values())) == len(Flag)
    asks: list[Literal["photo", "details", "new_address", "cancellation_request"]] = [
        "photo",
        "details",
        "new_address",
        "cancellation_request",
    ]
    ask_lines = {a: _line(agent_language, make_result(decision=Decision(ask_buyer_for=[a])), 1) for a in asks}
    assert len(set(ask_lines.values())) == len(asks)


@pytest.mark.parametrize(
    ("agent_language", "warning"),
    [("zh", "草稿未通过检查，请勿直接发送"), ("en", "Draft failed the guard: do not send as is")],
)
def test_failed_guard_is_said_and_passed_guard_is_not(agent_language: str, warning: str) -> None:
    failed = agent_summary(make_result(violations=["tone"]), agent_language, PROMPTS_DIR)
    passed = agent_summary(make_result(), agent_language, PROMPTS_DIR)
    assert warning in failed and "tone" in failed
    assert warning not in passed


def test_failed_guard_without_violations_is_still_said() -> None:
    result = make_result()
    result = result.model_copy(update={"guard": GuardReport(passed=False)})
    assert agent_summary(result, "zh", PROMPTS_DIR).endswith("。草稿未通过检查，请勿直接发送。")
    assert agent_summary(result, "en", PROMPTS_DIR).endswith(". Draft failed the guard: do not send as is.")


def test_unknown_agent_language_is_an_input_error() -> None:
    with pytest.raises(InputError, match="agent_language must be one of en, zh, got 'fr'"):
        agent_summary(make_result(), "fr", PROMPTS_DIR)


def test_a_value_without_a_translation_fails_loudly() -> None:
    # model_copy skips validation, standing in for a language added to the models but not to the templates
    result = make_result().model_copy(update={"language": "pt"})
    with pytest.raises(TemplateError, match=re.escape("summary/agent.zh.j2")):
        agent_summary(result, "zh", PROMPTS_DIR)
