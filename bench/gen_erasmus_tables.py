"""The fixed vocabulary of ``gen_erasmus.py``: countries, cities, activities, levels, fields.

Countries are written as the Erasmus+ tables write them (``EL`` for Greece, ``UK`` for the
United Kingdom); each has its ISO 3166-1 code, the prefix of its Erasmus institution codes
(``SF`` for Finland, ``D`` for Germany) and a list of real cities, named as a GeoNames
gazetteer names them (Kuopio is left out: only Kuopio's own institutions are placed there).
The texts of activities, education levels and fields are those of the published tables
(ISCED 2011 levels, ISCED-F 2013 fields with their codes).
"""

from __future__ import annotations

#: Erasmus country code → (ISO 3166-1 alpha-2, Erasmus-code prefix, cities).
COUNTRIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "FI": ("FI", "SF", ("Helsinki", "Espoo", "Tampere", "Vantaa", "Oulu", "Turku", "Jyväskylä",
                        "Lahti", "Pori", "Joensuu", "Lappeenranta", "Hämeenlinna", "Vaasa",
                        "Seinäjoki", "Rovaniemi", "Mikkeli", "Kotka", "Kajaani")),
    "SE": ("SE", "S", ("Stockholm", "Gothenburg", "Malmö", "Uppsala", "Västerås", "Örebro",
                       "Linköping", "Helsingborg", "Jönköping", "Norrköping", "Lund", "Umeå",
                       "Gävle", "Borås", "Växjö", "Luleå", "Karlstad", "Halmstad")),
    "NO": ("NO", "N", ("Oslo", "Bergen", "Trondheim", "Stavanger", "Drammen", "Kristiansand",
                       "Tromsø", "Bodø", "Ålesund")),
    "DK": ("DK", "DK", ("Copenhagen", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Roskilde",
                        "Kolding", "Vejle")),
    "IS": ("IS", "IS", ("Reykjavík", "Akureyri")),
    "EE": ("EE", "EE", ("Tallinn", "Tartu", "Narva", "Pärnu")),
    "LV": ("LV", "LV", ("Riga", "Daugavpils", "Jelgava", "Liepāja")),
    "LT": ("LT", "LT", ("Vilnius", "Kaunas", "Klaipėda", "Šiauliai", "Panevėžys")),
    "PL": ("PL", "PL", ("Warsaw", "Kraków", "Łódź", "Wrocław", "Poznań", "Gdańsk", "Szczecin",
                        "Bydgoszcz", "Lublin", "Katowice", "Białystok", "Gdynia", "Częstochowa",
                        "Radom", "Toruń", "Rzeszów", "Opole", "Olsztyn", "Kielce")),
    "DE": ("DE", "D", ("Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt am Main",
                       "Stuttgart", "Düsseldorf", "Leipzig", "Dortmund", "Essen", "Bremen",
                       "Dresden", "Hanover", "Nuremberg", "Bielefeld", "Bonn", "Münster",
                       "Mannheim", "Karlsruhe", "Augsburg", "Freiburg", "Heidelberg",
                       "Göttingen", "Kiel", "Rostock", "Erfurt", "Jena", "Regensburg",
                       "Würzburg", "Aachen", "Mainz", "Magdeburg", "Potsdam", "Trier")),
    "AT": ("AT", "A", ("Vienna", "Graz", "Linz", "Salzburg", "Innsbruck", "Klagenfurt",
                       "Krems an der Donau")),
    "CH": ("CH", "CH", ("Zurich", "Geneva", "Basel", "Bern", "Lausanne", "Lucerne",
                        "St. Gallen")),
    "NL": ("NL", "NL", ("Amsterdam", "Rotterdam", "The Hague", "Utrecht", "Eindhoven",
                        "Groningen", "Tilburg", "Nijmegen", "Leiden", "Maastricht", "Enschede",
                        "Delft", "Breda")),
    "BE": ("BE", "B", ("Brussels", "Antwerpen", "Gent", "Leuven", "Liège", "Brugge", "Namur",
                       "Mons", "Hasselt")),
    "LU": ("LU", "LUX", ("Luxembourg",)),
    "FR": ("FR", "F", ("Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Strasbourg",
                       "Montpellier", "Bordeaux", "Lille", "Rennes", "Reims", "Grenoble",
                       "Dijon", "Angers", "Brest", "Tours", "Clermont-Ferrand", "Limoges",
                       "Poitiers", "Caen", "Rouen", "Nancy", "Metz", "Besançon", "Orléans")),
    "ES": ("ES", "E", ("Madrid", "Barcelona", "Valencia", "Sevilla", "Zaragoza", "Málaga",
                       "Murcia", "Palma", "Las Palmas de Gran Canaria", "Bilbao", "Alicante",
                       "Córdoba", "Valladolid", "Vigo", "Gijón", "Granada", "A Coruña",
                       "Vitoria-Gasteiz", "Santander", "Salamanca", "Oviedo", "Pamplona",
                       "Cádiz", "Santiago de Compostela", "León", "Burgos", "Tarragona",
                       "Girona", "Almería", "Jaén")),
    "PT": ("PT", "P", ("Lisbon", "Porto", "Braga", "Coimbra", "Aveiro", "Faro", "Évora",
                       "Viseu", "Leiria", "Funchal")),
    "IT": ("IT", "I", ("Rome", "Milan", "Naples", "Turin", "Palermo", "Genoa", "Bologna",
                       "Florence", "Bari", "Catania", "Venice", "Verona", "Messina", "Padova",
                       "Trieste", "Brescia", "Parma", "Modena", "Perugia", "Pisa", "Siena",
                       "Cagliari", "Salerno", "Bergamo", "Trento", "Pavia", "Urbino",
                       "Macerata", "Lecce", "Udine")),
    "MT": ("MT", "MT", ("Valletta", "Msida")),
    "EL": ("GR", "G", ("Athens", "Thessaloniki", "Pátra", "Heraklion", "Larissa", "Volos",
                       "Ioannina", "Chania", "Kalamata", "Rhodes")),
    "CY": ("CY", "CY", ("Nicosia", "Limassol", "Larnaca", "Paphos")),
    "HR": ("HR", "HR", ("Zagreb", "Split", "Rijeka", "Osijek", "Zadar", "Pula", "Dubrovnik")),
    "SI": ("SI", "SI", ("Ljubljana", "Maribor", "Koper", "Celje")),
    "HU": ("HU", "HU", ("Budapest", "Debrecen", "Szeged", "Miskolc", "Pécs", "Győr", "Eger",
                        "Nyíregyháza", "Kecskemét", "Veszprém")),
    "SK": ("SK", "SK", ("Bratislava", "Košice", "Prešov", "Žilina", "Nitra", "Banská Bystrica",
                        "Trnava")),
    "CZ": ("CZ", "CZ", ("Prague", "Brno", "Ostrava", "Plzeň", "Olomouc", "Liberec",
                        "České Budějovice", "Hradec Králové", "Pardubice", "Zlín")),
    "RO": ("RO", "RO", ("Bucharest", "Cluj-Napoca", "Timişoara", "Iaşi", "Constanţa",
                        "Craiova", "Braşov", "Galaţi", "Oradea", "Sibiu", "Arad", "Suceava")),
    "BG": ("BG", "BG", ("Sofia", "Plovdiv", "Varna", "Burgas", "Ruse", "Stara Zagora",
                        "Veliko Tarnovo", "Blagoevgrad")),
    "TR": ("TR", "TR", ("Istanbul", "Ankara", "İzmir", "Bursa", "Antalya", "Konya", "Eskişehir",
                        "Kayseri", "Trabzon", "Samsun", "Erzurum", "Denizli")),
    "IE": ("IE", "IRL", ("Dublin", "Cork", "Limerick", "Galway", "Waterford", "Maynooth")),
    "UK": ("GB", "UK", ("London", "Birmingham", "Manchester", "Glasgow", "Edinburgh",
                        "Liverpool", "Leeds", "Sheffield", "Bristol", "Cardiff", "Belfast",
                        "Newcastle upon Tyne", "Nottingham", "Leicester", "Southampton",
                        "Aberdeen", "Dundee", "Oxford", "Cambridge", "Brighton", "York",
                        "Exeter", "Swansea", "Coventry")),
    "MK": ("MK", "MK", ("Skopje", "Bitola")),
    "RS": ("RS", "RS", ("Belgrade", "Novi Sad", "Niš")),
    "LI": ("LI", "FL", ("Vaduz",)),
}  # fmt: skip

#: Sector → (Key Action of its project references, share of organisations, name patterns).
SECTORS: dict[str, tuple[str, float, tuple[str, ...]]] = {
    "higher": ("KA103", 0.35, ("{} University", "University of Applied Sciences {}",
                               "{} Institute of Technology", "{} Academy of Fine Arts",
                               "{} School of Economics", "Polytechnic Institute of {}")),
    "vet": ("KA102", 0.30, ("{} Vocational College", "{} Technical School",
                            "Vocational Training Centre {}", "{} Catering School")),
    "school": ("KA101", 0.15, ("{} Secondary School", "{} Gymnasium", "{} Primary School")),
    "adult": ("KA104", 0.08, ("{} Adult Education Centre", "{} Folk High School")),
    "youth": ("KA105", 0.12, ("{} Youth Association", "Youth Centre {}",
                              'Association "{}"; Youth and Culture')),
}  # fmt: skip

#: Sector → (activity text, weight, is staff); the published texts of Activity (mob).
ACTIVITIES: dict[str, tuple[tuple[str, float, bool], ...]] = {
    "higher": (
        ("Student mobility for studies between Programme Countries", 0.55, False),
        ("Student mobility for traineeships between Programme Countries", 0.2, False),
        ("Staff mobility for teaching between Programme Countries", 0.15, True),
        ("Staff mobility for training between Programme Countries", 0.1, True),
    ),
    "vet": (
        ("VET learner traineeships in vocational institutes/companies", 0.8, False),
        ("Staff training abroad", 0.2, True),
    ),
    "school": (
        ("Structured courses/training events", 0.6, True),
        ("Job shadowing", 0.4, True),
    ),
    "adult": (
        ("Structured courses/training events", 0.5, True),
        ("Teaching/training assignments abroad", 0.5, True),
    ),
    "youth": (
        ("Youth Exchanges - Programme Countries", 0.8, False),
        ("Mobility of youth workers - Programme Countries", 0.2, True),
    ),
}

UNKNOWN_LEVEL = "??? - ? Unknown ?"
#: Sector → education levels its learners are at (ISCED 2011, as the tables write them).
LEVELS: dict[str, tuple[str, ...]] = {
    "higher": (
        "ISCED-6 - First cycle / Bachelor’s or equivalent level (EQF-6)",  # noqa: RUF001 (as published)
        "ISCED-7 - Second cycle / Master’s or equivalent level (EQF-7)",  # noqa: RUF001
        "ISCED-8 - Third cycle / Doctoral or equivalent level (EQF-8)",
        "ISCED-5 - Short-cycle within the first cycle / Short-cycle tertiary education (EQF-5)",
    ),
    "vet": (
        "ISCED-3 - Upper secondary education",
        "ISCED-4 - Post-secondary non-tertiary education",
    ),
    "school": (UNKNOWN_LEVEL,),
    "adult": (UNKNOWN_LEVEL,),
    "youth": (UNKNOWN_LEVEL,),
}

#: ISCED-F 2013 fields as the tables write them, most common first (2- and 3-digit codes
#: appear where only the broad or narrow field was recorded).
FIELDS = (
    "0413 - Management and administration",
    "0311 - Economics",
    "0613 - Software and applications development and analysis",
    "0232 - Literature and linguistics",
    "0913 - Nursing and midwifery",
    "0421 - Law",
    "0715 - Mechanics and metal trades",
    "0912 - Medicine",
    "1015 - Travel, tourism and leisure",
    "0111 - Education science",
    "0215 - Music and performing arts",
    "0731 - Architecture and town planning",
    "0414 - Marketing and advertising",
    "1013 - Hotel, restaurants and catering",
    "0533 - Physics",
    "0511 - Biology",
    "0714 - Electronics and automation",
    "0222 - History and archaeology",
    "0314 - Sociology and cultural studies",
    "0916 - Pharmacy",
    "0531 - Chemistry",
    "0541 - Mathematics",
    "0521 - Environmental sciences",
    "0811 - Crop and livestock production",
    "0923 - Social work and counselling",
    "0211 - Audio-visual techniques and media production",
    "0732 - Building and civil engineering",
    "0313 - Psychology",
    "041 - Business and administration",
    "072 - Manufacturing and processing",
    "09 - Health and welfare",
    "? Unknown ?",
)
#: The fields written when the sector's rows have none (school, adult and youth staff).
NO_FIELD = ("? Unknown ?", "-")

GENDERS = ("Female", "Male", "Female", "Male", "Undefined")
YES_NO = ("No", "No", "No", "No", "No", "No", "No", "Yes", "-", "")
#: Participant numbers that a careless export writes (none is a positive whole number).
BAD_PARTICIPANTS = ("", "-", "0", "-2", "1.5", "two", "1 2", "NaN")
