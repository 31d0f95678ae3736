"""Whether the buyer asks to change what is in an order already placed: another colour, size or model, another
quantity, an item added or taken out, two orders put together. Pure.

A placed order's items cannot be edited on the marketplace. The seeds' answer to "the buyer placed the wrong order
and wants it changed" is to cancel it while it has not shipped (the buyer orders again), and once it has shipped to
return it for a refund (seller-cs-guide, 订单问题处理方法 1). Without this signal "could you change it to the grey
ones before it ships?" read as an address change, a tracking question or a return. The delivery address is not the
order's content: a message about the address is left to the address rules. The words are ours, per language.
"""

from __future__ import annotations

import re
import unicodedata

from assistant.exchange import wants_exchange

__all__ = ["changes_placed_order", "wants_order_change"]

_ORDER_EN = r"(?:my|the|this|our|that) (?:order|purchase)"
_CHANGE_EN = r"(?:change|changing|modify|modifying|edit|editing|amend|amending|alter|adjust|correct|update)"

ORDER_CHANGE = re.compile("|".join((
    # English
    rf"\b{_CHANGE_EN} {_ORDER_EN}\b(?! (?:status|number|id)\b)",
    rf"\b{_CHANGE_EN} (?:the )?(?:quantity|qty|amount|number of (?:items|units|pieces))\b",
    rf"\b(?:add|adding|put|include|throw in)\b[^.!?\n]{{0,40}}\b(?:to|on|onto|in|into) {_ORDER_EN}\b",
    rf"\b(?:remove|removing|take off|take out|drop|delete|cancel one of)\b[^.!?\n]{{0,40}}\b(?:from|off|of) "
    rf"{_ORDER_EN}\b",
    r"\b(?:combine|merge|join|consolidate) (?:my|the|both|these|two|those) (?:\w+ )?orders\b",
    r"\b(?:ship|send) (?:both|the two|my two|them) orders together\b",
    r"\b(?:change|switch|swap|make) (?:it|that|them|the order|my order|it all) (?:to|for|into) "
    r"(?:the |a |an |size |colou?r )?[\w-]+[^.!?\n]{0,40}\b(?:before|not (?:yet )?(?:shipped|sent|dispatched)"
    r"|hasn't (?:shipped|been sent)|just (?:placed|ordered))",
    r"\b(?:change|switch|swap) (?:it|that|them)\b[^.!?\n]{0,40}\bbefore (?:it|you|they) (?:ships?|send|sends"
    r"|dispatch|post|go(?:es)? out)\b",
    # German
    r"\bbestellung\b[^.!?\n]{0,30}\b(?:ändern|abändern|anpassen|korrigieren|umstellen|ergänzen)\b",
    r"\b(?:ändern|korrigieren|ergänzen)\b[^.!?\n]{0,10}\b(?:meine|die) bestellung\b",
    r"\b(?:zu|zur|in) (?:meiner|der) bestellung\b[^.!?\n]{0,30}\bhinzu", r"\bbestellung hinzufügen\b",
    r"\b(?:aus|von) (?:meiner|der) bestellung\b[^.!?\n]{0,30}\b(?:entfernen|streichen|nehmen|löschen)\b",
    r"\b(?:menge|anzahl|stückzahl)\b[^.!?\n]{0,15}\bändern\b",
    r"\bbestellungen\b[^.!?\n]{0,20}\b(?:zusammenlegen|zusammenfassen|zusammen (?:schicken|versenden))\b",
    # French
    r"\b(?:modifier|changer|corriger|compléter) (?:ma|la|cette|mon) commande\b",
    r"\b(?:ajouter|rajouter)\b[^.!?\n]{0,40}\b(?:à|a|dans) (?:ma|la|cette) commande\b",
    r"\b(?:retirer|enlever|supprimer|annuler)\b[^.!?\n]{0,40}\bde (?:ma|la|cette) commande\b",
    r"\b(?:modifier|changer) la quantité\b", r"\b(?:regrouper|fusionner|réunir) (?:mes|les|ces|deux) commandes\b",
    # Spanish
    r"\b(?:modificar|cambiar|corregir|editar)\b[^.!?\n]{0,30}\b(?:mi|el|este|del) pedido\b",
    r"\b(?:añadir|anadir|agregar|sumar|incluir)\b[^.!?\n]{0,40}\b(?:a|al|en) (?:mi |el |este )?pedido\b",
    r"\b(?:quitar|eliminar|sacar|borrar)\b[^.!?\n]{0,40}\bdel? (?:mi |este )?pedido\b",
    r"\b(?:cambiar|modificar) la cantidad\b", r"\b(?:juntar|unir|combinar|agrupar) (?:los|mis|ambos|dos) pedidos\b",
    # Italian
    r"\b(?:modificare|cambiare|correggere)\b[^.!?\n]{0,30}\b(?:il mio |l'|quest')ordine\b",
    r"\b(?:aggiungere|aggiungermi|aggiungete|aggiungi|inserire)\b[^.!?\n]{0,40}\b(?:all'|al mio |nel mio |nell')"
    r"ordine\b",
    r"\b(?:togliere|rimuovere|eliminare|levare)\b[^.!?\n]{0,40}\bdal(?:l'| mio )ordine\b",
    r"\b(?:modificare|cambiare) la quantità\b", r"\b(?:unire|accorpare|raggruppare) (?:gli|i miei|due) ordini\b",
    # Japanese
    r"注文(?:内容)?(?:を|の)?(?:変更|修正|訂正)", r"(?:注文|オーダー)に(?:追加|もう\S{0,4}追加)", r"追加注文",
    r"(?:数量|個数)(?:を|の)?[^。！？]{0,8}(?:変更|修正)", r"同梱(?:して|でき|可能|希望|をお願い)",
    r"まとめて(?:発送|送って)",
    r"発送前に[^。！？]{0,10}(?:変更|追加|修正)",
    # Chinese
    r"(?:修改|更改|改一下|改下|变更)(?:一下)?(?:我的|这个)?订单", r"订单(?:里|中)?(?:再)?(?:加|添加|增加)",
    r"(?:再|帮我)加(?:一|两|1|2)(?:个|件|份|套|双|条)", r"(?:修改|更改|改)(?:一下)?数量", r"数量改",
    r"合并(?:订单|发货)", r"一起发(?:货)?",
    r"(?:颜色|尺码|型号|款式)(?:帮我)?改成",
)))

# "I ordered the wrong size" asks for a change unless the buyer asks to cancel ("cancel it, I ordered the wrong one").
WRONG_CHOICE = re.compile("|".join((
    r"\b(?:picked|selected|chose|chosen|clicked|ordered|bought) the wrong (?:size|colou?r|model|version|one|item"
    r"|variant|quantity|amount|number)\b",
    r"\bfalsche (?:größe|farbe|variante|ausführung|menge|artikel)\b[^.!?\n]{0,20}\b(?:bestellt|ausgewählt|gewählt"
    r"|angeklickt|erwischt)\b",
    r"\bme suis (?:trompée?|planté(?:e)?) de (?:taille|couleur|coloris|pointure|modèle|modele|article|quantité)\b",
    r"\bme (?:equivoqué|equivoque) (?:de|con la|con el) (?:talla|color|modelo|número|numero|artículo|articulo"
    r"|cantidad)\b",
    r"\bho sbagliato (?:a scegliere )?(?:la |il |l')?(?:taglia|colore|modello|misura|articolo|quantità)\b",
    r"間違えて(?:注文|購入|選択)", r"(?:サイズ|色|カラー)を間違え",
    r"拍错(?:了)?", r"下错(?:了)?单", r"选错(?:了)?(?:颜色|尺码|型号|款式)",
)))
CANCEL = re.compile(r"\bcancel|\bstorn|\bannul|\bcancelar|\banular|キャンセル|取り消|取消|退单")

# With order facts saying the order is placed and not yet delivered, less is needed: a change of variant, quantity or
# items in the buyer's words ("I just ordered it in white but wanted navy", "make it 3 packs instead of 1", "can
# you still put a second cable in?"). These words alone would be too loose for a message with no order facts.
CHANGE_CUE = re.compile("|".join((
    # English
    r"\binstead\b",
    r"\b(?:i|but) (?:actually |really )?(?:wanted|meant)\b(?! to (?:cancel|know|ask|return|check|say|let))"
    r"(?! (?:it|them) (?:by|before|for|on|sooner|earlier)\b)",
    r"\bmeant to (?:order|get|buy|pick|choose|select)\b",
    r"\b(?:add|adding)\b(?! (?:a |the )?(?:tracking|note|notes|instructions?|gift (?:message|note|wrap)|comment))",
    r"\b(?:throw in|put in|include|pack)\b[^.!?\n]{0,30}\b(?:one more|another|a second|an extra|extra)\b",
    r"\b(?:one more|another|a second|an extra)\b[^.!?\n]{0,30}\b(?:to|in|into) "
    r"(?:it|the (?:order|parcel|box|package))\b",
    r"\b(?:remove|take out|take off|drop)\b[^.!?\n]{0,40}\b(?:from|off|out of)\b",
    r"\b(?:combine|merge|consolidate)\b", r"\b(?:ship|send) (?:them|both|it all) together\b",
    r"\bfrom \d+ to \d+\b", r"\b(?:increase|decrease|reduce|up) (?:it|the (?:quantity|amount|number))\b",
    r"\b(?:change|switch|swap|fix|correct)\b[^.!?\n]{0,30}\b(?:size|colou?r|model|version|quantity|qty|number|pack|that"
    r"|it|them)\b",
    # German
    r"\b(?:an)?statt\b", r"\banstelle\b",
    r"\bwollte (?:(?:aber |eigentlich |lieber )+\w|(?:die|den|das|eine?n?|in|\d))",
    r"\bich meinte\b", r"\b(?:dazu ?(?:packen|legen|tun)|dazupacken|dazulegen|hinzufügen|hinzufuegen)\b",
    r"\b(?:raus|heraus)nehmen\b", r"\b(?:entfernen|streichen)\b", r"\bzusammen(?:legen|führen|fassen|schicken)\b",
    r"\bvon \d+ auf \d+\b", r"\b(?:erhöhen|reduzieren|verringern)\b",
    r"\b(?:ändern|tauschen|umtauschen|wechseln|korrigieren)\b",
    # French
    r"\bau lieu d", r"\bplutôt que\b", r"\bj'en voulais\b",
    r"\bje (?:voulais|voudrais plutôt|souhaitais)\b(?! (?:savoir|vous demander|demander|juste))",
    r"\b(?:ajouter|rajouter|ajoutez|rajoutez|y ajouter|y rajouter)\b", r"\b(?:retirer|enlever|retirez|enlevez)\b",
    r"\b(?:regrouper|fusionner|réunir)\b", r"\bun seul colis\b", r"\bde \d+ à \d+\b",
    r"\b(?:changer|modifier|corriger|mettre)\b[^.!?\n]{0,30}\b(?:taille|couleur|coloris|pointure|modèle|quantité"
    r"|version)\b", r"\b(?:modifier|corriger)\b",
    # Spanish
    r"\ben (?:vez|lugar) de\b", r"\b(?:la |lo )?(?:quería|queria)\b(?! (?:saber|preguntar|consultar))",
    r"\b(?:añadir|anadir|agregar|añadan|agreguen|meter|meterme)\b", r"\b(?:quitar|quiten|sacar|saquen|eliminar)\b",
    r"\b(?:juntar|unir|combinar|agrupar)\b", r"\bun solo paquete\b", r"\bde \d+ a \d+\b",
    r"\b(?:cambiar|cambiármel[oa]|cambiarmel[oa]|cambiarl[oa]|corregir|modificar)\b",
    # Italian
    r"\banziché\b", r"\binvece (?:di|del|della|dello|dei|delle)\b",
    r"\b(?:volevo|mi serviva)\b(?! (?:sapere|chiedere|solo))",
    r"\b(?:aggiungere|aggiungerci|aggiungete|aggiungermi)\b",
    r"\b(?:togliere|togliete|rimuovere|levare|levate)\b", r"\b(?:unire|accorpare|raggruppare)\b",
    r"\bun unico pacco\b", r"\bda \d+ a \d+\b", r"\b(?:cambiare|cambiarlo|cambiarla|correggere|modificare)\b",
    # Japanese
    r"ではなく", r"じゃなくて", r"の代わりに", r"(?:したかった|が欲しかった|のつもり)", r"追加", r"外して", r"削除",
    r"取り除", r"同梱", r"まとめて", r"\d+(?:個|点|枚|本|箱)から\d+", r"変更", r"変えて", r"替えて", r"交換",
    # Chinese
    r"本来想", r"其实想", r"改成", r"换成", r"改为", r"(?:再)?加(?:一|两|1|2)", r"再加", r"去掉", r"删掉", r"不要了",
    r"合并", r"一起发", r"从\d+(?:件|个)?改",
)))
# Paying another way is not a change of what was ordered.
PAYMENT = re.compile("|".join((
    r"\bpa(?:y|id|ying|yment|yments)\b", r"\b(?:credit|debit|bank|business|company) ?card", r"\bpaypal\b", r"\bvisa\b",
    r"\bzahl(?:ung|ungsart|ungsmethode|en)\b", r"\bbezahl", r"(?:kredit|bank|ec)karte", r"\bpaiement", r"\bpay[ée]",
    r"\bpayer\b", r"\bcarte (?:bancaire|de crédit|bleue)", r"\bpago\b", r"\bpag(?:ar|ué|ue|ado)\b", r"\btarjeta",
    r"\bpagamento", r"\bpag(?:are|ato|ata)\b", r"\bcarta (?:di credito|aziendale|prepagata)", r"支払", r"決済",
    r"クレジットカード", r"付款", r"支付", r"银行卡", r"信用卡",
)))

# The delivery address is not the order's content ("change the address on my order" is an address change).
ADDRESS = re.compile("|".join((
    r"\baddress", r"adresse", r"anschrift", r"\bdirecci[óo]n", r"\bdomicilio", r"\bindirizzo", r"住所", r"お届け先",
    r"配送先", r"地址", r"收货人", r"收件人", r"\bzip\b", r"\bzip ?code", r"\bpost ?code", r"\bpostal code",
    r"\b(?:house|apartment|apt|flat|suite|unit) (?:number|no)\b", r"\bstreet\b", r"\bplz\b", r"postleitzahl",
    r"hausnummer", r"\bcode postal\b", r"\bc[óo]digo postal\b", r"\bcap\b", r"郵便番号", r"邮编", r"门牌",
    # a street given in full ("to 22 Harbour Lane instead")
    r"\b\d+[a-z]? (?:\w+ ){1,3}(?:street|st|road|rd|lane|ln|avenue|ave|drive|dr|way|close|court|place|terrace)\b",
    r"\w(?:straße|strasse|str\.|weg|gasse|allee|platz) \d",
    r"\b\d+,? (?:rue|avenue|boulevard|bd|chemin|allée|impasse)\b",
    r"\b(?:calle|avenida|avda\.?|paseo|plaza|c/) ?\w", r"\b(?:via|viale|piazza|corso|vicolo) [a-z]",
    r"丁目", r"番地", r"(?:路|街|道)\d+号",
)))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace("’", "'")


def _explicit_change(folded: str) -> bool:
    if ADDRESS.search(folded) or PAYMENT.search(folded):
        return False
    return bool(ORDER_CHANGE.search(folded) or (WRONG_CHOICE.search(folded) and not CANCEL.search(folded)))


def wants_order_change(text: str) -> bool:
    """True when the buyer asks to change the items, colour, size or quantity of an order already placed."""
    return _explicit_change(_fold(text))


def changes_placed_order(text: str, unshipped: bool) -> bool:
    """True when a buyer whose order is placed and not yet delivered asks for another variant, quantity or items.

    For callers that know the order's status (`unshipped`: not yet shipped, else shipped); without it, use
    `wants_order_change`. Before it ships, any wish for another size or colour (an exchange) changes the order.
    """
    folded = _fold(text)
    if _explicit_change(folded):
        return True
    # not an explicit change, so ORDER_CHANGE did not match: a cancellation word means a cancellation
    if ADDRESS.search(folded) or PAYMENT.search(folded) or CANCEL.search(folded):
        return False
    return bool(CHANGE_CUE.search(folded)) or (unshipped and wants_exchange(folded))
