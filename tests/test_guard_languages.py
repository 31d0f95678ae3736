"""Table tests for review_manipulation and tone in every supported language (en, de, fr, es, it, ja, zh).

Each failing row names the text the violation's span must cover; each clean row must pass every rule.
"""

from __future__ import annotations

import pytest
from guard_tables import assert_fires, found

# --- review_manipulation -----------------------------------------------------------------------------------------

REVIEWS = [
    # en
    pytest.param("Please leave us a 5-star review!", "leave us a 5-star review", id="en: asks for a 5-star review"),
    pytest.param("We would appreciate a positive review.", "positive review", id="en: asks for a positive review"),
    pytest.param("Could you leave feedback for us?", "leave feedback", id="en: asks for feedback"),
    pytest.param("We will send a gift card in exchange for a review.", "in exchange for a review", id="en: incentive"),
    pytest.param("Could you change your review now?", "change your review", id="en: change a review"),
    pytest.param("Please remove the negative feedback.", "remove the negative feedback", id="en: remove feedback"),
    pytest.param(
        "If you are happy with the lamp, please rate us.", "If you are happy", id="en: only review if satisfied"
    ),
    pytest.param("Contact us before leaving a negative review.", "before leaving a negative review", id="en: gating"),
    # de
    pytest.param(
        "Würden Sie uns eine positive Bewertung hinterlassen?", "positive Bewertung", id="de: positive review"
    ),
    pytest.param("Könnten Sie Ihre Bewertung ändern?", "Bewertung ändern", id="de: change a review"),
    pytest.param("Bitte löschen Sie die Bewertung.", "löschen Sie die Bewertung", id="de: remove a review"),
    pytest.param(
        "Wenn Sie zufrieden sind, freuen wir uns über 5 Sterne.", "Wenn Sie zufrieden sind", id="de: only if satisfied"
    ),
    # fr
    pytest.param("Pourriez-vous laisser un avis positif ?", "laisser un avis positif", id="fr: positive review"),
    pytest.param("Pourriez-vous modifier votre avis ?", "modifier votre avis", id="fr: change a review"),
    pytest.param("Un cadeau en échange d'un avis !", "en échange d'un avis", id="fr: incentive"),
    pytest.param(
        "Si vous êtes satisfait, laissez-nous 5 étoiles.", "Si vous êtes satisfait", id="fr: only if satisfied"
    ),
    # es
    pytest.param("¿Podría dejarnos una reseña de 5 estrellas?", "dejarnos una reseña", id="es: 5-star review"),
    pytest.param("¿Podría eliminar su reseña?", "eliminar su reseña", id="es: remove a review"),
    pytest.param("Un regalo a cambio de una reseña.", "a cambio de una reseña", id="es: incentive"),
    pytest.param("Si está satisfecho, déjenos una valoración.", "déjenos una valoración", id="es: only if satisfied"),
    # it
    pytest.param(
        "Potrebbe lasciarci una recensione positiva?", "lasciarci una recensione positiva", id="it: positive review"
    ),
    pytest.param("Potrebbe modificare la sua recensione?", "modificare la sua recensione", id="it: change a review"),
    pytest.param("Un regalo in cambio di una recensione.", "in cambio di una recensione", id="it: incentive"),
    pytest.param("Se è soddisfatto, ci lasci 5 stelle.", "Se è soddisfatto", id="it: only if satisfied"),
    # ja
    pytest.param("高評価をお願いします。", "高評価", id="ja: asks for a high rating"),
    pytest.param("レビューを削除していただけますか。", "レビューを削除", id="ja: remove a review"),
    pytest.param("レビューを書いていただいた方にギフトをプレゼント。", "レビュー", id="ja: incentive"),
    pytest.param("ご満足いただけましたら、評価をお願いします。", "評価をお願い", id="ja: only if satisfied"),
    # zh
    pytest.param("请给我们五星好评！", "五星好评", id="zh: asks for five stars"),
    pytest.param("能否删除差评？", "删除差评", id="zh: remove a bad review"),
    pytest.param("好评返现五元。", "好评返现", id="zh: cash back for a good review"),
    pytest.param("如果您满意，请给我们好评。", "好评", id="zh: only if satisfied"),
    pytest.param("Ci farebbe piacere una sua recensione positiva.", "farebbe piacere una sua recensione",
                 id="it: we would be glad of a review"),
    pytest.param("Gradiremmo molto una sua valutazione positiva.", "Gradiremmo molto una sua valutazione",
                 id="it: we would appreciate a rating"),
    pytest.param("It would mean a lot if you left us five stars.", "left us five stars", id="en: five stars"),
]


@pytest.mark.parametrize(("draft", "needle"), REVIEWS)
def test_review_manipulation_fires(draft: str, needle: str) -> None:
    assert_fires(draft, "review_manipulation", needle)


REVIEWS_CLEAN = [
    pytest.param("Thank you for your positive feedback.", id="en: thanks for feedback"),
    pytest.param("Please review the photos you sent us.", id="en: review the photos"),
    pytest.param("We will share your feedback with our warehouse team.", id="en: we pass feedback on"),
    pytest.param("We will update you on the review of your case.", id="en: review of a case"),
    pytest.param("Danke für Ihre Bewertung.", id="de: thanks for the review"),
    pytest.param("Merci pour votre avis.", id="fr: thanks for the review"),
    pytest.param("Gracias por su opinión.", id="es: thanks for the opinion"),
    pytest.param("Grazie per la sua recensione.", id="it: thanks for the review"),
    pytest.param("レビューありがとうございます。", id="ja: thanks for the review"),
    pytest.param("感谢您的评价。", id="zh: thanks for the review"),
    pytest.param("感谢您的好评！我们会尽快为您发送替换品。", id="zh: 'we send' in the sentence after the thanks"),
]


@pytest.mark.parametrize("draft", REVIEWS_CLEAN)
def test_review_manipulation_clean(draft: str) -> None:
    assert found(draft) == {}


# --- tone ----------------------------------------------------------------------------------------------------------

TONE = [
    pytest.param("Please wait for the parcel.", "Please wait", id="en: please wait"),
    pytest.param("You must return the item first.", "You must", id="en: you must"),
    pytest.param("You should have read the size chart.", "You should have", id="en: you should have"),
    pytest.param("It's your fault that it broke.", "It's your fault", id="en: blames the buyer"),
    pytest.param("As I already said, it shipped.", "As I already said", id="en: as I already said"),
    pytest.param("Stop messaging us about this.", "Stop messaging us", id="en: stop messaging us"),
    pytest.param("Sie hätten die Maße prüfen sollen.", "Sie hätten die Maße prüfen sollen", id="de: you should have"),
    pytest.param("Vous auriez dû lire la fiche.", "Vous auriez dû", id="fr: you should have"),
    pytest.param("Debería haber medido la mesa antes.", "Debería haber", id="es: you should have"),
    pytest.param("Avrebbe dovuto controllare le misure.", "Avrebbe dovuto", id="it: you should have"),
    pytest.param("Calm down, it will arrive.", "Calm down", id="en: calm down"),
    pytest.param("Read the description next time.", "Read the description", id="en: read the description"),
    pytest.param("Bitte warten Sie auf das Paket.", "Bitte warten Sie", id="de: please wait"),
    pytest.param("Sie müssen den Artikel zurücksenden.", "Sie müssen", id="de: you must"),
    pytest.param("Das ist Ihre Schuld.", "Das ist Ihre Schuld", id="de: blames the buyer"),
    pytest.param("Wie ich bereits sagte, ist es unterwegs.", "Wie ich bereits sagte", id="de: as already said"),
    pytest.param("Beruhigen Sie sich bitte.", "Beruhigen Sie sich", id="de: calm down"),
    pytest.param("Veuillez patienter encore un peu.", "Veuillez patienter", id="fr: please wait"),
    pytest.param("C'est votre faute.", "C'est votre faute", id="fr: blames the buyer"),
    pytest.param("Arrêtez de nous écrire.", "Arrêtez de nous écrire", id="fr: stop writing to us"),
    pytest.param("Lisez la description.", "Lisez la description", id="fr: read the description"),
    pytest.param("Por favor, espere unos días.", "Por favor, espere", id="es: please wait"),
    pytest.param("Es su culpa.", "Es su culpa", id="es: blames the buyer"),
    pytest.param("Como ya le dije, está en camino.", "Como ya le dije", id="es: as already said"),
    pytest.param("Cálmese, por favor.", "Cálmese", id="es: calm down"),
    pytest.param("Per favore aspetti qualche giorno.", "Per favore aspetti", id="it: please wait"),
    pytest.param("È colpa sua.", "È colpa sua", id="it: blames the buyer"),
    pytest.param("Smetta di scriverci.", "Smetta di scriverci", id="it: stop writing to us"),
    pytest.param("Legga la descrizione.", "Legga la descrizione", id="it: read the description"),
    pytest.param("もう少しお待ちください。", "お待ちください", id="ja: please wait"),
    pytest.param("それはお客様のせいです。", "お客様のせい", id="ja: blames the buyer"),
    pytest.param("既に申し上げた通り、発送済みです。", "既に申し上げた通り", id="ja: as already said"),
    pytest.param("説明をよく読んでください。", "説明をよく読んでください", id="ja: read the description"),
    pytest.param("请耐心等待。", "请耐心等待", id="zh: please wait"),
    pytest.param("这是您的错。", "是您的错", id="zh: blames the buyer"),
    pytest.param("不要再发消息了。", "不要再发消息", id="zh: stop messaging"),
    pytest.param("请仔细阅读商品描述。", "阅读商品描述", id="zh: read the description"),
    pytest.param("That is not our problem.", "That is not our problem", id="en: not our problem"),
    pytest.param("Das ist nicht unser Problem.", "Das ist nicht unser Problem", id="de: not our problem"),
    pytest.param("Ce n'est pas notre faute.", "Ce n'est pas notre faute", id="fr: not our fault"),
    pytest.param("Eso no es culpa nuestra.", "no es culpa nuestra", id="es: not our fault"),
    pytest.param("Non è colpa nostra se non ha letto.", "Non è colpa nostra", id="it: not our fault"),
    pytest.param("それは当店の責任ではございません。", "当店の責任ではございません", id="ja: not our responsibility"),
    pytest.param("这跟我们没关系。", "跟我们没关系", id="zh: nothing to do with us"),
]


@pytest.mark.parametrize(("draft", "needle"), TONE)
def test_tone_fires(draft: str, needle: str) -> None:
    assert_fires(draft, "tone", needle)


TONE_CLEAN = [
    pytest.param("I understand you must be frustrated.", id="en: you must be (empathy)"),
    pytest.param("You should have received an e-mail from the carrier.", id="en: you should have received"),
    pytest.param("We are waiting for the carrier's reply.", id="en: we wait, not the buyer"),
    pytest.param("Sie müssen nichts weiter tun.", id="de: you need not do anything"),
    pytest.param("Vous devez être déçu, nous le comprenons.", id="fr: you must be disappointed"),
    pytest.param("Non è così che l'articolo avrebbe dovuto raggiungerLa.", id="it: the item should have reached you"),
    pytest.param("El paquete debería haber llegado ayer.", id="es: the parcel should have arrived"),
    pytest.param("Sie hätten das Paket gestern erhalten sollen.", id="de: you should have received it"),
    pytest.param("Vous auriez dû le recevoir hier.", id="fr: you should have received it"),
    pytest.param("This is not your fault, and we will put it right.", id="en: not your fault (reassurance)"),
    pytest.param("Das ist nicht Ihre Schuld.", id="de: not your fault"),
    pytest.param("Ce n'est pas votre faute.", id="fr: not your fault"),
    pytest.param("No es su culpa.", id="es: not your fault"),
    pytest.param("Non è colpa sua.", id="it: not your fault"),
    pytest.param("お客様のせいではございません。", id="ja: not your fault"),
    pytest.param("这不是您的错。", id="zh: not your fault"),
]


@pytest.mark.parametrize("draft", TONE_CLEAN)
def test_tone_clean(draft: str) -> None:
    assert found(draft) == {}
