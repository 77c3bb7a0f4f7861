"""What people write, by language: the phrasings the conversation tests walk through."""

from __future__ import annotations

# Present danger, no country named (three phrasings per language).
DANGER = {
    "en": [
        "they took my passport and lock us in, I cannot leave",
        "my boss locked me in the house and took my phone, please help",
        "help me, they keep me here by force and beat me",
    ],
    "fr": [
        "ils ont pris mon passeport et nous enferment, je ne peux pas sortir",
        "au secours mon patron m'enferme dans la maison",
        "aidez-moi on me retient de force et on me frappe",
    ],
    "es": [
        "me quitaron el pasaporte y nos encierran, no puedo salir",
        "auxilio, mi jefe me tiene encerrada en la casa",
        "ayúdenme, me obligan a trabajar y me pegan",
    ],
    "ar": [
        "أخذوا جواز سفري ويحبسوننا، لا أستطيع الخروج",
        "ساعدوني صاحب العمل يحبسني في البيت",
        "النجدة أنا محتجز رغما عني ويضربونني",
    ],
    "ne": [
        "उनीहरूले मेरो राहदानी लिए र हामीलाई थुनेर राखेका छन्, म निस्कन सक्दिन",
        "मलाई मालिकले घरमा थुनेर राखेको छ, सहयोग गर्नुहोस्",
        "मलाई जबरजस्ती काम गराउँदैछन् र कुट्छन्, बचाउनुहोस्",
    ],
}

# Asking for a person in words, instead of pressing the urgent button.
ASK_FOR_A_PERSON = {
    "en": "I want to talk to a real person",
    "fr": "je veux parler à une vraie personne",
    "es": "quiero hablar con una persona real",
    "ar": "أريد التحدث مع شخص حقيقي",
    "ne": "म मान्छेसँग कुरा गर्न चाहन्छु",
}
YES = {"en": "yes", "fr": "oui", "es": "sí", "ar": "نعم", "ne": "हो"}

# An earlier, unrelated question that names a destination (not where the person is).
DESTINATION_QUESTIONS = {
    "en": [
        ("GB", "what visa do I need to study in the UK"),
        ("FR", "I want to study in France, what do I need"),
        ("DE", "how can I work in Germany as a nurse"),
    ],
    "fr": [
        ("GB", "quel visa pour étudier au Royaume-Uni"),
        ("FR", "je veux faire mes études en France, que faut-il"),
        ("DE", "comment travailler en Allemagne comme infirmière"),
    ],
    "es": [
        ("GB", "qué visa necesito para estudiar en el Reino Unido"),
        ("FR", "quiero estudiar en Francia, qué necesito"),
        ("DE", "cómo puedo trabajar en Alemania de enfermera"),
    ],
    "ar": [
        ("GB", "ما التأشيرة التي أحتاجها للدراسة في بريطانيا"),
        ("FR", "أريد الدراسة في فرنسا، ماذا أحتاج"),
        ("DE", "كيف يمكنني العمل في ألمانيا كممرضة"),
    ],
    "ne": [
        ("GB", "बेलायतमा पढ्न कुन भिसा चाहिन्छ"),
        ("FR", "फ्रान्समा पढ्न के चाहिन्छ"),
        ("DE", "जर्मनीमा नर्सको काम गर्न कसरी जाने"),
    ],
}

# Danger in the country where the person is, named in the message itself.
DANGER_IN = {
    "en": [
        ("QA", "help they lock me in the house in Qatar"),
        ("MY", "I am in Malaysia, the agent took my passport and locked us in the hostel"),
        ("KW", "please help me, my sponsor in Kuwait beats me and I cannot go out"),
    ],
    "fr": [
        ("QA", "au secours ils m'enferment dans la maison au Qatar"),
        ("MY", "je suis en Malaisie, l'agent a pris nos passeports et nous enferme"),
        ("KW", "aidez-moi, mon patron au Koweït me frappe et je ne peux pas sortir"),
    ],
    "es": [
        ("QA", "auxilio me tienen encerrada en una casa en Catar"),
        ("MY", "estoy en Malasia, el agente nos quitó los pasaportes y nos encierra"),
        ("KW", "ayuda, mi jefe en Kuwait me pega y no me deja salir"),
    ],
    "ar": [
        ("QA", "ساعدوني يحبسونني في البيت في قطر"),
        ("MY", "أنا في ماليزيا، الوكيل أخذ جوازاتنا ويحبسنا"),
        ("KW", "النجدة الكفيل في الكويت يضربني ولا أستطيع الخروج"),
    ],
    "ne": [
        ("QA", "कतारमा मलाई घरमा थुनेर राखेका छन्, बचाउनुहोस्"),
        ("MY", "म मलेसियामा छु, एजेन्टले राहदानी खोसेर हामीलाई थुनेको छ"),
        ("KW", "कुवेतमा साहुले मलाई कुट्छ र बाहिर जान दिँदैन, सहयोग गर्नुहोस्"),
    ],
}

# Look-alikes: words of danger, no danger now (visa problems, a freedom the person still has).
LOOK_ALIKES = {
    "en": [
        "my visa application is stuck, I cannot leave for Germany until it is approved",
        "I am locked out of my visa account online",
        "the employer keeps my passport but I can go out and they pay me every month",
    ],
    "fr": [
        "ma demande de visa est bloquée, je ne peux pas partir en Allemagne avant l'accord",
        "je n'arrive plus à me connecter à mon compte de demande de visa",
        "l'employeur garde mon passeport mais je peux sortir et je suis payé",
    ],
    "es": [
        "mi solicitud de visa está atascada, no puedo viajar a Alemania hasta que la aprueben",
        "no puedo entrar a mi cuenta de la solicitud de visa en línea",
        "el empleador guarda mi pasaporte pero puedo salir y me pagan cada mes",
    ],
    "ar": [
        "طلب التأشيرة متوقف، لا أستطيع السفر إلى ألمانيا حتى تتم الموافقة",
        "لا أستطيع الدخول إلى حسابي في موقع طلب التأشيرة",
        "صاحب العمل يحتفظ بجوازي لكنني أخرج بحرية ويدفع لي راتبي كل شهر",
    ],
    "ne": [
        "मेरो भिसा आवेदन अड्कियो, स्वीकृत नभएसम्म जर्मनी जान पाउँदिन",
        "भिसाको अनलाइन खातामा लगइन गर्न सकिनँ",
        "कम्पनीले मेरो राहदानी राखेको छ तर म बाहिर जान सक्छु र तलब पाउँछु",
    ],
}

# During a live case: the person tells where they are, and that they are safe enough.
SAFE_DETAIL = {
    "en": "I am in Manchester, in a house, I still have my phone",
    "fr": "je suis à Lyon, dans une maison, j'ai toujours mon téléphone",
    "es": "estoy en Madrid, en una casa, todavía tengo mi teléfono",
    "ar": "أنا في دبي، في بيت، وما زال هاتفي معي",
    "ne": "म दोहामा छु, एउटा घरमा, मसँग अझै फोन छ",
}

# The person's own contact details, typed into a message a volunteer will read.
CONTACTS = {
    "en": "you can call me on +977 9841234567 or write to asha.rai@gmail.com",
    "fr": "appelez-moi au +33 6 12 34 56 78 ou écrivez à amina.b@yahoo.fr",
    "es": "mi número es +34 612 345 678 y mi correo es lucia.perez@hotmail.com",
    "ar": "رقمي ٠٥٠١٢٣٤٥٦٧ وبريدي ahmed.s@gmail.com",
    "ne": "मेरो नम्बर ९८४१२३४५६७ हो, इमेल ram.thapa@gmail.com",
}
CONTACT_PARTS = {
    "en": ("9841234567", "asha.rai@gmail.com"),
    "fr": ("12 34 56 78", "amina.b@yahoo.fr"),
    "es": ("612 345 678", "lucia.perez@hotmail.com"),
    "ar": ("٠٥٠١٢٣٤٥٦٧", "0501234567", "ahmed.s@gmail.com"),
    "ne": ("९८४१२३४५६७", "9841234567", "ram.thapa@gmail.com"),
}

# Nepali as many Nepali migrant workers type it: in Latin letters.
ROMANIZED_NEPALI = {
    "danger": [
        "malai sahu le ghar bhitra thunera rakheko cha, bahira jana didaina, bachau",
        "hamro passport khosyo ra kothama band garera rakheko cha, help garnus",
        "jabarjasti kaam garaucha ra kutcha, k garne, sahayog chahiyo",
    ],
    "danger_in": [
        ("QA", "qatar ma malai ghar ma thunera rakheko cha, bachaunus"),
        ("MY", "ma malaysia ma chu, agent le passport khosera hamilai thuneko cha"),
        ("KW", "kuwait ma sahu le kutcha ra bahira jana didaina, help"),
    ],
    "ask_for_a_person": "manche sanga kura garna man cha",
    "yes": "ho",
}
