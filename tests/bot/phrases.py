"""What people write, per language (checked against the real NLU and content)."""

from __future__ import annotations

FAMILY_NO_COUNTRY = {
    "en": "I want to bring my wife",
    "fr": "je veux faire venir ma femme",
    "es": "quiero traer a mi esposa",
    "ar": "أريد أن أحضر زوجتي",
    "ne": "म श्रीमतीलाई बोलाउन चाहन्छु",
}
GERMANY = {"en": "Germany", "fr": "Allemagne", "es": "Alemania", "ar": "ألمانيا", "ne": "जर्मनी"}
EMERGENCY = {
    "en": "my boss took my passport and locks me in the room",
    "fr": "mon patron a pris mon passeport et m'enferme",
    "es": "mi empleador me encerró y tengo miedo",
    "ar": "صاحب العمل أخذ جوازي ويحبسني في الغرفة",
    "ne": "मालिकले मेरो पासपोर्ट खोस्यो र मलाई कोठामा थुनेर राखेको छ",
}
HANDOFF = {
    "en": "I want to talk to a real person",
    "fr": "je veux parler à une vraie personne",
    "es": "quiero hablar con una persona real",
    "ar": "أريد التحدث مع شخص حقيقي",
    "ne": "म मान्छेसँग कुरा गर्न चाहन्छु",
}
GREET = {"en": "hello", "fr": "bonjour", "es": "hola", "ar": "مرحبا", "ne": "नमस्ते"}
THANKS = {
    "en": "thank you",
    "fr": "merci beaucoup",
    "es": "muchas gracias",
    "ar": "شكرا جزيلا",
    "ne": "धन्यवाद",
}
GOODBYE = {"en": "bye", "fr": "au revoir", "es": "adiós", "ar": "مع السلامة", "ne": "फेरि भेटौंला"}
OFF_TOPIC = {
    "en": "who won the football match",
    "fr": "qui a gagné le match de foot",
    "es": "quién ganó el partido de fútbol",
    "ar": "أعطني وصفة طبخ",
    "ne": "फुटबल खेल कसले जित्यो",
}
YES = {"en": "yes", "fr": "oui", "es": "sí", "ar": "نعم", "ne": "हो"}
