"""Raw material of the demo catalogue: French cities, salon names, price lists.

This is content, in French as a salon would write it; it is not interface text and is not
translated. Prices are typical TTC prices of French salons in 2025-2026 (euros), given as
(low, high) ranges the generator picks from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    name: str
    postcodes: tuple[str, ...]
    latitude: float
    longitude: float
    phone_prefix: str  # E.164 start of a local landline: "+3314" is 01 4x xx xx xx
    price_factor: float


CITIES: tuple[City, ...] = (
    City(
        "Paris",
        tuple(f"750{n:02d}" for n in range(1, 21)),
        48.8566,
        2.3522,
        "+3314",
        1.2,
    ),
    City("Lyon", tuple(f"6900{n}" for n in range(1, 10)), 45.7640, 4.8357, "+3347", 1.05),
    City(
        "Marseille",
        tuple(f"130{n:02d}" for n in range(1, 17)),
        43.2965,
        5.3698,
        "+3349",
        1.0,
    ),
    City(
        "Toulouse",
        ("31000", "31100", "31200", "31300", "31400", "31500"),
        43.6047,
        1.4442,
        "+3356",
        1.0,
    ),
    City(
        "Bordeaux",
        ("33000", "33100", "33200", "33300", "33800"),
        44.8378,
        -0.5792,
        "+3355",
        1.05,
    ),
    City("Lille", ("59000", "59160", "59260", "59777", "59800"), 50.6292, 3.0573, "+3332", 0.95),
    City("Nantes", ("44000", "44100", "44200", "44300"), 47.2184, -1.5536, "+3324", 1.0),
    City("Strasbourg", ("67000", "67100", "67200"), 48.5734, 7.7521, "+3338", 1.0),
)

STREETS = (
    "rue de la République",
    "avenue Jean Jaurès",
    "rue Victor Hugo",
    "boulevard Gambetta",
    "rue du Commerce",
    "rue Pasteur",
    "place de la Mairie",
    "rue des Lilas",
    "rue Nationale",
    "cours Lafayette",
    "rue Saint-Michel",
    "rue de la Paix",
    "avenue de la Gare",
    "rue des Écoles",
    "rue Émile Zola",
    "boulevard Voltaire",
    "rue du Marché",
    "rue Sainte-Catherine",
    "quai des Chartrons",
    "rue de Strasbourg",
)

FIRST_NAMES = (
    "Éléa",
    "Chloé",
    "Léa",
    "Inès",
    "Zoé",
    "Anaïs",
    "Margaux",
    "Célia",
    "Noémie",
    "Héloïse",
    "Maëlle",
    "Agathe",
    "Lou",
    "Romane",
    "Juliette",
    "Sacha",
)

# {first} is a first name from FIRST_NAMES, {city} the city's name.
SALON_NAMES: dict[str, tuple[str, ...]] = {
    "hair": (
        "Salon {first}",
        "Atelier {first} Coiffure",
        "{first} Coiffure",
        "Maison {first}",
        "L'Hair du Temps",
        "Coiff'Émoi",
        "Les Ciseaux d'Or",
        "Un Hair de Famille",
        "Créa'Tif",
        "Studio Mèches & Cie",
        "Instant Coiffure",
        "Tête à Tête",
    ),
    "barber": (
        "Le Barbier de {city}",
        "Monsieur Barbe",
        "La Lame Fine",
        "Les Frères Rasoir",
        "Barber Shop {first}",
        "Gentlemen {city}",
        "Old School Barber",
        "Le Coupe-Chou",
    ),
    "beauty": (
        "Institut {first}",
        "Belle Époque Beauté",
        "L'Écrin Beauté",
        "Institut Lys",
        "Esthétique Céleste",
        "Douceur d'Être",
        "Beauté de {first}",
        "Le Boudoir",
    ),
    "nails": (
        "Nail Bar Opaline",
        "Ongles & Vernis",
        "L'Atelier des Ongles",
        "So Nails {city}",
        "Vernis Café",
        "Les Ongles de {first}",
    ),
    "spa": (
        "Spa Sérénité",
        "Les Bains d'Aurore",
        "Spa Zénitude",
        "Oasis Bien-Être",
        "Hammam Jasmin",
        "Le Temps d'une Pause",
    ),
}

# How often each category appears among salons (hairdressers dominate, as in France).
CATEGORY_WEIGHTS = {"hair": 45, "barber": 18, "beauty": 18, "nails": 11, "spa": 8}

DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "hair": (
        "Salon de coiffure mixte au cœur du quartier : coupes, couleurs végétales et balayages "
        "sur mesure, dans une ambiance chaleureuse.",
        "Une équipe passionnée pour sublimer vos cheveux, du brushing express à la coiffure "
        "de mariée. Produits professionnels et conseils personnalisés.",
    ),
    "barber": (
        "Barbier à l'ancienne : coupes ciseaux et tondeuse, taille de barbe et rasage "
        "traditionnel à la serviette chaude.",
        "Le rendez-vous des hommes exigeants : dégradés précis, barbe sculptée, café offert.",
    ),
    "beauty": (
        "Institut de beauté : soins du visage, épilations, beauté du regard et des mains, "
        "dans des cabines calmes et lumineuses.",
        "Esthéticiennes diplômées, soins sur mesure et marques françaises.",
    ),
    "nails": (
        "Bar à ongles : semi-permanent, gel, manucure russe et nail art, avec une hygiène "
        "irréprochable (instruments stérilisés).",
    ),
    "spa": (
        "Un spa urbain pour faire une pause : hammam, modelages du monde et soins du visage.",
        "Massages bien-être et rituels de soin, dans un cadre apaisant.",
    ),
}

# A price list: (section, service name, duration in minutes, (low, high) price, buffer after).
ServiceSpec = tuple[str, str, int, tuple[float, float], int]

SERVICES: dict[str, tuple[ServiceSpec, ...]] = {
    "hair": (
        ("Coupes femme", "Shampoing, coupe, brushing cheveux courts", 45, (38, 52), 0),
        ("Coupes femme", "Shampoing, coupe, brushing cheveux mi-longs", 60, (45, 60), 0),
        ("Coupes femme", "Shampoing, coupe, brushing cheveux longs", 75, (52, 70), 0),
        ("Coupes femme", "Coupe transformation", 75, (58, 80), 0),
        ("Coupes femme", "Frange", 15, (8, 12), 0),
        ("Coiffage", "Brushing cheveux courts", 30, (24, 30), 0),
        ("Coiffage", "Brushing cheveux longs", 45, (32, 42), 0),
        ("Coiffage", "Chignon, coiffure de soirée", 60, (45, 70), 0),
        ("Coiffage", "Coiffure de mariée (essai compris)", 120, (120, 180), 15),
        ("Coupes homme", "Coupe homme", 30, (22, 30), 0),
        ("Coupes homme", "Coupe homme et barbe", 45, (32, 42), 0),
        ("Enfants", "Coupe enfant (moins de 10 ans)", 20, (14, 19), 0),
        ("Enfants", "Coupe junior (10 à 16 ans)", 30, (20, 26), 0),
        ("Couleur", "Couleur racines", 60, (40, 52), 10),
        ("Couleur", "Couleur complète", 90, (55, 72), 10),
        ("Couleur", "Couleur végétale", 120, (65, 90), 15),
        ("Couleur", "Patine, gloss", 30, (22, 30), 0),
        ("Couleur", "Décoloration", 120, (70, 95), 15),
        ("Mèches et balayage", "Balayage cheveux courts", 120, (80, 100), 15),
        ("Mèches et balayage", "Balayage cheveux longs", 150, (105, 145), 15),
        ("Mèches et balayage", "Mèches papillotes", 120, (75, 105), 15),
        ("Mèches et balayage", "Ombré hair", 150, (110, 150), 15),
        ("Soins", "Soin profond à la kératine", 30, (22, 35), 0),
        ("Soins", "Lissage brésilien", 180, (180, 260), 15),
        ("Soins", "Permanente", 120, (60, 85), 10),
        ("Soins", "Diagnostic capillaire", 15, (0, 0), 0),
        ("Soins", "Massage crânien", 20, (12, 18), 0),
    ),
    "barber": (
        ("Coupes", "Coupe homme", 30, (20, 28), 0),
        ("Coupes", "Coupe ciseaux", 40, (28, 35), 0),
        ("Coupes", "Dégradé américain", 40, (25, 32), 0),
        ("Coupes", "Coupe, shampoing et coiffage", 40, (28, 36), 0),
        ("Coupes", "Rasage du crâne", 30, (20, 25), 0),
        ("Coupes", "Contours", 15, (10, 12), 0),
        ("Coupes", "Coupe enfant", 20, (15, 18), 0),
        ("Barbe", "Taille de barbe", 20, (15, 20), 0),
        ("Barbe", "Coupe et barbe", 45, (32, 42), 0),
        ("Barbe", "Rasage traditionnel à la serviette chaude", 30, (25, 35), 5),
        ("Barbe", "Coloration de barbe", 20, (15, 20), 5),
        ("Soins", "Soin du visage homme", 30, (25, 35), 5),
        ("Soins", "Masque purifiant", 20, (15, 20), 0),
        ("Soins", "Épilation nez et oreilles", 10, (6, 8), 0),
        ("Soins", "Épilation des sourcils", 10, (8, 10), 0),
        ("Couleur", "Camouflage cheveux blancs", 30, (22, 28), 5),
        ("Couleur", "Décoloration homme", 60, (40, 55), 10),
        ("Forfaits", "Forfait coupe, barbe et soin", 75, (55, 68), 5),
        ("Forfaits", "Forfait marié", 90, (70, 90), 10),
        ("Forfaits", "Forfait père et fils", 50, (38, 45), 0),
    ),
    "beauty": (
        ("Épilations", "Sourcils", 15, (10, 14), 0),
        ("Épilations", "Lèvre supérieure", 10, (8, 10), 0),
        ("Épilations", "Aisselles", 15, (11, 14), 0),
        ("Épilations", "Demi-jambes", 20, (18, 23), 0),
        ("Épilations", "Jambes complètes", 30, (27, 34), 0),
        ("Épilations", "Maillot classique", 15, (14, 18), 0),
        ("Épilations", "Maillot intégral", 30, (30, 38), 0),
        ("Épilations", "Dos homme", 30, (28, 35), 0),
        ("Soins du visage", "Soin hydratant", 60, (55, 70), 10),
        ("Soins du visage", "Soin éclat express", 30, (35, 45), 5),
        ("Soins du visage", "Soin anti-âge", 75, (75, 95), 10),
        ("Soins du visage", "Nettoyage de peau", 60, (50, 65), 10),
        ("Regard", "Rehaussement de cils", 60, (55, 70), 5),
        ("Regard", "Teinture des cils", 20, (15, 20), 0),
        ("Regard", "Extension de cils", 120, (90, 130), 10),
        ("Regard", "Restructuration des sourcils", 45, (42, 55), 5),
        ("Mains et pieds", "Beauté des mains", 45, (28, 35), 5),
        ("Mains et pieds", "Beauté des pieds", 60, (35, 45), 5),
        ("Maquillage", "Maquillage jour", 30, (30, 40), 0),
        ("Maquillage", "Maquillage soirée", 45, (45, 60), 0),
        ("Maquillage", "Maquillage mariée (essai compris)", 90, (90, 130), 10),
        ("Corps", "Modelage relaxant", 60, (60, 75), 10),
        ("Corps", "Gommage du corps", 30, (35, 45), 10),
        ("Corps", "Enveloppement minceur", 45, (50, 65), 10),
    ),
    "nails": (
        ("Mains", "Pose de vernis classique", 20, (15, 20), 0),
        ("Mains", "Semi-permanent mains", 45, (28, 35), 5),
        ("Mains", "French manucure semi-permanent", 50, (32, 40), 5),
        ("Mains", "Manucure express", 20, (15, 20), 0),
        ("Mains", "Manucure russe", 60, (40, 50), 5),
        ("Mains", "Renforcement des ongles naturels", 60, (38, 45), 5),
        ("Mains", "Paraffine mains", 20, (15, 20), 5),
        ("Gel et capsules", "Pose gel complète", 90, (50, 62), 10),
        ("Gel et capsules", "Remplissage gel", 75, (40, 48), 10),
        ("Gel et capsules", "Capsules et gel", 120, (60, 75), 10),
        ("Gel et capsules", "Baby boomer", 75, (45, 55), 10),
        ("Pieds", "Semi-permanent pieds", 45, (30, 38), 5),
        ("Pieds", "Beauté des pieds complète", 60, (35, 45), 5),
        ("Pieds", "Pédicure spa", 75, (45, 58), 10),
        ("Déposes", "Dépose semi-permanent", 20, (10, 15), 0),
        ("Déposes", "Dépose gel", 30, (15, 20), 0),
        ("Nail art", "Nail art deux ongles", 15, (8, 10), 0),
        ("Nail art", "Nail art dix ongles", 40, (20, 30), 0),
        ("Nail art", "Strass et décors", 15, (5, 8), 0),
        ("Nail art", "Effet miroir", 20, (10, 15), 0),
    ),
    "spa": (
        ("Modelages", "Modelage californien 60 min", 60, (70, 90), 15),
        ("Modelages", "Modelage californien 90 min", 90, (100, 125), 15),
        ("Modelages", "Modelage suédois 60 min", 60, (75, 90), 15),
        ("Modelages", "Modelage aux pierres chaudes", 75, (90, 110), 15),
        ("Modelages", "Modelage balinais", 60, (75, 90), 15),
        ("Modelages", "Massage du dos", 30, (40, 50), 10),
        ("Modelages", "Massage crânien", 30, (35, 45), 10),
        ("Modelages", "Massage prénatal", 60, (75, 85), 15),
        ("Modelages", "Drainage lymphatique", 60, (70, 85), 15),
        ("Modelages", "Shiatsu", 60, (65, 80), 15),
        ("Modelages", "Réflexologie plantaire", 45, (50, 60), 10),
        ("Hammam", "Accès hammam", 30, (25, 35), 15),
        ("Hammam", "Hammam et gommage au savon noir", 60, (55, 70), 15),
        ("Rituels", "Rituel oriental", 120, (120, 150), 15),
        ("Rituels", "Rituel détente", 90, (95, 120), 15),
        ("Rituels", "Rituel éclat du visage et du corps", 120, (130, 160), 15),
        ("Soins", "Soin du visage signature", 60, (75, 95), 15),
        ("Soins", "Enveloppement au rhassoul", 45, (55, 65), 15),
        ("Soins", "Gommage du corps", 30, (40, 50), 10),
        ("Soins", "Soin du dos", 45, (55, 65), 10),
    ),
}

STAFF_NAMES = (
    "Camille",
    "Julien",
    "Sarah",
    "Karim",
    "Lucas",
    "Manon",
    "Yasmine",
    "Thomas",
    "Inès",
    "Hugo",
    "Nadia",
    "Mehdi",
    "Clara",
    "Antoine",
    "Léa",
    "Sofiane",
    "Emma",
    "Maxime",
    "Amandine",
    "Kévin",
    "Laura",
    "Romain",
    "Fatou",
    "Élodie",
    "Bastien",
    "Océane",
    "Nicolas",
    "Jade",
    "Aurélie",
    "Théo",
)

# Weekly patterns of a salon: open days (0 = Monday) and the day's opening, closing times.
SCHEDULES = (
    # Classic French salon: closed on Sunday and Monday.
    {"days": (1, 2, 3, 4, 5), "open": "09:00", "close": "19:00", "late_day": 3},
    # City centre: open Monday, closed Sunday.
    {"days": (0, 1, 2, 3, 4, 5), "open": "09:30", "close": "19:30", "late_day": 4},
    # Late opening, closed Sunday and Monday.
    {"days": (1, 2, 3, 4, 5), "open": "10:00", "close": "20:00", "late_day": 3},
    # Every day but Monday (spas, some barbers).
    {"days": (1, 2, 3, 4, 5, 6), "open": "10:00", "close": "20:00", "late_day": None},
)
