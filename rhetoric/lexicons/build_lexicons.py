"""Regenerate the packaged lexicon TSV files (developer tool, not used at run time).

Run from the repository root::

    python -m rhetoric.lexicons.build_lexicons

Needs Debian's ``wamerican`` word list (SCOWL) at /usr/share/dict/american-english
and the ``lemminflect`` package (MIT, tested with 0.2.3).  Neither is needed by the
installed package: it only reads the TSV files written here.

Derived rows (source ``scowl-wamerican`` or ``lemminflect+scowl``) are recomputed
from those two inputs; hand-curated rows (source ``project: ...`` or ``vader: ...``)
come from the constants below.  Output is sorted, so a rerun with the same inputs
writes byte-identical files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

WORDLIST = Path("/usr/share/dict/american-english")
OUT_DIR = Path(__file__).resolve().parent

SCOWL = "scowl-wamerican"
LEMMA_SCOWL = "lemminflect+scowl"
VADER = "vader: Hutto & Gilbert 2014 booster dict (MIT)"
POS_ORDER = ("ADJ", "ADV", "NOUN", "VERB")

#: wamerican entries ending in 's are possessives and are dropped, except these
#: contractions ("it's" = "it is"), which are ordinary words.
KEEP_CONTRACTIONS = frozenset({
    "he's", "here's", "how's", "it's", "let's", "she's", "that's", "there's",
    "what's", "when's", "where's", "who's", "why's",
})

# ---------------------------------------------------------------------------
# words.tsv supplement: ordinary lower-case words frequent in political posts
# that wamerican lacks.  word -> (reason, adjective/adverb POS or "").
# ---------------------------------------------------------------------------
_NEWS = "modern political/news vocabulary missing from wamerican"
_TECH = "internet/technology vocabulary missing from wamerican"
_INFORMAL = "informal political insult missing from wamerican"
_DERIV = "regular derivative of a wamerican word, frequent in political posts"
SUPPLEMENT_WORDS: dict[str, tuple[str, str]] = {
    "antisemite": (_NEWS, ""),
    "antisemites": (_NEWS, ""),
    "antisemitic": (_NEWS, "ADJ"),
    "antisemitism": (_NEWS, ""),
    "automaker": (_NEWS, ""),
    "automakers": (_NEWS, ""),
    "autopen": (_NEWS, ""),
    "bipartisanship": (_DERIV, ""),
    "carmaker": (_NEWS, ""),
    "carmakers": (_NEWS, ""),
    "cashless": (_NEWS, "ADJ"),
    "ceasefires": ("plural of wamerican 'ceasefire'", ""),
    "chatbot": (_TECH, ""),
    "chatbots": (_TECH, ""),
    "chipmaker": (_NEWS, ""),
    "chipmakers": (_NEWS, ""),
    "citywide": (_NEWS, "ADJ ADV"),
    "congrats": ("informal 'congratulations', frequent in posts", ""),
    "countrywide": (_NEWS, "ADJ ADV"),
    "crypto": (_TECH, ""),
    "cyber": (_TECH, "ADJ"),
    "cyberattack": (_TECH, ""),
    "cyberattacks": (_TECH, ""),
    "cybersecurity": (_TECH, ""),
    "dealmaker": (_NEWS, ""),
    "dealmakers": (_NEWS, ""),
    "defund": (_NEWS, ""),
    "defunded": (_NEWS, ""),
    "defunding": (_NEWS, ""),
    "delusional": ("common adjective missing from wamerican", "ADJ"),
    "deplorables": ("political coinage ('basket of deplorables'), frequent in posts", ""),
    "dirtbag": (_INFORMAL, ""),
    "dirtbags": (_INFORMAL, ""),
    "downside": ("common noun missing from wamerican", ""),
    "doxxed": (_TECH, ""),
    "doxxing": (_TECH, ""),
    "entrepreneurship": (_DERIV, ""),
    "favorability": ("polling term missing from wamerican", ""),
    "frontline": (_NEWS, "ADJ"),
    "frontlines": (_NEWS, ""),
    "fundraiser": (_NEWS, ""),
    "fundraisers": (_NEWS, ""),
    "fundraising": (_NEWS, ""),
    "gaslighting": (_NEWS, ""),
    "globalism": (_NEWS, ""),
    "globalist": (_NEWS, "ADJ"),
    "globalists": (_NEWS, ""),
    "grandstander": (_DERIV, ""),
    "grandstanders": (_DERIV, ""),
    "grassroots": (_NEWS, "ADJ"),
    "groupthink": (_NEWS, ""),
    "hardworking": ("common adjective missing from wamerican", "ADJ"),
    "homebuyer": (_NEWS, ""),
    "homebuyers": (_NEWS, ""),
    "homeschool": (_NEWS, ""),
    "homeschooling": (_NEWS, ""),
    "hotline": ("common noun missing from wamerican", ""),
    "hotspot": ("common noun missing from wamerican", ""),
    "hotspots": ("common noun missing from wamerican", ""),
    "hyperpartisan": (_NEWS, "ADJ"),
    "iconic": ("common adjective missing from wamerican", "ADJ"),
    "influencer": (_TECH, ""),
    "influencers": (_TECH, ""),
    "largescale": ("unhyphenated 'large-scale', seen in posts", "ADJ"),
    "lawfare": (_NEWS, ""),
    "leaker": (_NEWS, ""),
    "leakers": (_NEWS, ""),
    "livestream": (_TECH, ""),
    "livestreamed": (_TECH, ""),
    "livestreaming": (_TECH, ""),
    "livestreams": (_TECH, ""),
    "lockdown": (_NEWS, ""),
    "lockdowns": (_NEWS, ""),
    "lowlife": (_INFORMAL, ""),
    "lowlifes": (_INFORMAL, ""),
    "megadonor": (_NEWS, ""),
    "megadonors": (_NEWS, ""),
    "mindset": ("common noun missing from wamerican", ""),
    "narcoterrorist": (_NEWS, ""),
    "narcoterrorists": (_NEWS, ""),
    "onshoring": (_NEWS, ""),
    "overregulation": (_NEWS, ""),
    "payback": ("common noun missing from wamerican", ""),
    "playbook": ("common noun missing from wamerican", ""),
    "podcaster": (_TECH, ""),
    "podcasters": (_TECH, ""),
    "policymaker": (_NEWS, ""),
    "policymakers": (_NEWS, ""),
    "pushback": (_NEWS, ""),
    "radicalized": (_DERIV, "ADJ"),
    "ransomware": (_TECH, ""),
    "rebrand": (_NEWS, ""),
    "rebranding": (_NEWS, ""),
    "recusal": (_NEWS, ""),
    "recuse": (_NEWS, ""),
    "recused": (_NEWS, ""),
    "reshoring": (_NEWS, ""),
    "responders": ("'first responders', frequent in posts", ""),
    "rollout": (_NEWS, ""),
    "rollouts": (_NEWS, ""),
    "sicko": (_INFORMAL, ""),
    "sickos": (_INFORMAL, ""),
    "signage": ("common noun missing from wamerican", ""),
    "sleazebag": (_INFORMAL, ""),
    "sleazebags": (_INFORMAL, ""),
    "stablecoin": (_TECH, ""),
    "stablecoins": (_TECH, ""),
    "stakeholder": (_NEWS, ""),
    "stakeholders": (_NEWS, ""),
    "takedown": (_NEWS, ""),
    "takedowns": (_NEWS, ""),
    "tariffed": (_DERIV, ""),
    "teleprompter": (_NEWS, ""),
    "teleprompters": (_NEWS, ""),
    "transgender": (_NEWS, "ADJ"),
    "underway": ("common adverb missing from wamerican", "ADJ ADV"),
    "unfollow": (_TECH, ""),
    "unreported": (_DERIV, "ADJ"),
    "unsustainable": (_DERIV, "ADJ"),
    "untalented": (_DERIV, "ADJ"),
    "unvaccinated": (_DERIV, "ADJ"),
    "unvetted": (_DERIV, "ADJ"),
    "unwatchable": (_DERIV, "ADJ"),
    "uptick": (_NEWS, ""),
    "viewership": (_NEWS, ""),
    "weaponization": (_NEWS, ""),
    "weaponize": (_NEWS, ""),
    "weaponized": (_NEWS, "ADJ"),
    "weaponizing": (_NEWS, ""),
    "whistleblower": (_NEWS, ""),
    "whistleblowers": (_NEWS, ""),
    "wokeness": (_NEWS, ""),
}

# ---------------------------------------------------------------------------
# acronyms.tsv, hand-curated: TERM|expansion|note.  Dotted (U.S.) and
# alphanumeric (G7) forms are recognised by shape in the code, so none here.
# A trailing lower-case s marks a plural acronym (CEOs).
# ---------------------------------------------------------------------------
ACRONYMS = """
US|United States|country
USA|United States of America|country
UK|United Kingdom|country
UN|United Nations|international organization
EU|European Union|international organization
UAE|United Arab Emirates|country
USSR|Union of Soviet Socialist Republics|former country
DPRK|Democratic People's Republic of Korea|country
PRC|People's Republic of China|country
ROK|Republic of Korea|country
NATO|North Atlantic Treaty Organization|international organization
OPEC|Organization of the Petroleum Exporting Countries|international organization
IMF|International Monetary Fund|international organization
WTO|World Trade Organization|international organization
WHO|World Health Organization|international organization
UNGA|United Nations General Assembly|international organization
UNRWA|United Nations Relief and Works Agency|international organization
UNESCO|United Nations Educational, Scientific and Cultural Organization|international organization
UNICEF|United Nations Children's Fund|international organization
NGO|non-governmental organization|common abbreviation
NGOs|non-governmental organizations|plural acronym
ICC|International Criminal Court|international organization
ICJ|International Court of Justice|international organization
IAEA|International Atomic Energy Agency|international organization
OECD|Organisation for Economic Co-operation and Development|international organization
APEC|Asia-Pacific Economic Cooperation|international organization
ASEAN|Association of Southeast Asian Nations|international organization
BRICS|Brazil, Russia, India, China, South Africa|international bloc
WEF|World Economic Forum|international organization
ECB|European Central Bank|central bank
OSCE|Organization for Security and Co-operation in Europe|international organization
FIFA|Fédération Internationale de Football Association|sports body
IOC|International Olympic Committee|sports body
NAFTA|North American Free Trade Agreement|trade agreement
USMCA|United States-Mexico-Canada Agreement|trade agreement
TPP|Trans-Pacific Partnership|trade agreement
JCPOA|Joint Comprehensive Plan of Action|Iran nuclear agreement
START|Strategic Arms Reduction Treaty|arms treaty
INF|Intermediate-Range Nuclear Forces Treaty|arms treaty
FBI|Federal Bureau of Investigation|US agency
CIA|Central Intelligence Agency|US agency
NSA|National Security Agency|US agency
DOJ|Department of Justice|US agency
DHS|Department of Homeland Security|US agency
DOD|Department of Defense|US agency
DOE|Department of Energy|US agency
DOT|Department of Transportation|US agency
DOL|Department of Labor|US agency
HHS|Department of Health and Human Services|US agency
HUD|Department of Housing and Urban Development|US agency
USDA|United States Department of Agriculture|US agency
VA|Department of Veterans Affairs|US agency
EPA|Environmental Protection Agency|US agency
IRS|Internal Revenue Service|US agency
CDC|Centers for Disease Control and Prevention|US agency
FDA|Food and Drug Administration|US agency
NIH|National Institutes of Health|US agency
FEMA|Federal Emergency Management Agency|US agency
ICE|Immigration and Customs Enforcement|US agency
CBP|Customs and Border Protection|US agency
USCIS|US Citizenship and Immigration Services|US agency
TSA|Transportation Security Administration|US agency
ATF|Bureau of Alcohol, Tobacco, Firearms and Explosives|US agency
DEA|Drug Enforcement Administration|US agency
SEC|Securities and Exchange Commission|US agency
FTC|Federal Trade Commission|US agency
FCC|Federal Communications Commission|US agency
FEC|Federal Election Commission|US agency
FAA|Federal Aviation Administration|US agency
FDIC|Federal Deposit Insurance Corporation|US agency
CFPB|Consumer Financial Protection Bureau|US agency
FHFA|Federal Housing Finance Agency|US agency
SBA|Small Business Administration|US agency
SSA|Social Security Administration|US agency
OMB|Office of Management and Budget|US agency
CBO|Congressional Budget Office|US agency
GAO|Government Accountability Office|US agency
OPM|Office of Personnel Management|US agency
USTR|United States Trade Representative|US agency
USAID|United States Agency for International Development|US agency
NASA|National Aeronautics and Space Administration|US agency
NOAA|National Oceanic and Atmospheric Administration|US agency
NSC|National Security Council|US agency
ODNI|Office of the Director of National Intelligence|US agency
DNI|Director of National Intelligence|US office
BLS|Bureau of Labor Statistics|US agency
EEOC|Equal Employment Opportunity Commission|US agency
NLRB|National Labor Relations Board|US agency
OSHA|Occupational Safety and Health Administration|US agency
USPS|United States Postal Service|US agency
NTSB|National Transportation Safety Board|US agency
DOGE|Department of Government Efficiency|US government initiative
CENTCOM|US Central Command|US military command
SOUTHCOM|US Southern Command|US military command
NORAD|North American Aerospace Defense Command|US military command
USMC|United States Marine Corps|US military
USAF|United States Air Force|US military
USN|United States Navy|US military
USCG|United States Coast Guard|US military
USSS|United States Secret Service|US agency
NYPD|New York City Police Department|police department
LAPD|Los Angeles Police Department|police department
FISA|Foreign Intelligence Surveillance Act|US law
FOIA|Freedom of Information Act|US law
ACA|Affordable Care Act|US law
IRA|Inflation Reduction Act|US law
NDAA|National Defense Authorization Act|US law
IEEPA|International Emergency Economic Powers Act|US law
DACA|Deferred Action for Childhood Arrivals|US immigration program
TPS|Temporary Protected Status|US immigration program
SNAP|Supplemental Nutrition Assistance Program|US program
PPP|Paycheck Protection Program|US program
TARP|Troubled Asset Relief Program|US program
SOTU|State of the Union|US political event
POTUS|President of the United States|US office
FLOTUS|First Lady of the United States|US office
SCOTUS|Supreme Court of the United States|US court
VPOTUS|Vice President of the United States|US office
PEOTUS|President-elect of the United States|US office
AG|Attorney General|US office
DA|district attorney|US office
VP|vice president|office
WH|White House|US institution
GOP|Grand Old Party (Republican Party)|US political party
DNC|Democratic National Committee|US party committee
RNC|Republican National Committee|US party committee
NRCC|National Republican Congressional Committee|US party committee
NRSC|National Republican Senatorial Committee|US party committee
DCCC|Democratic Congressional Campaign Committee|US party committee
DSCC|Democratic Senatorial Campaign Committee|US party committee
PAC|political action committee|US campaign finance
PACs|political action committees|plural acronym
RINO|Republican In Name Only|US political slang
RINOs|Republicans In Name Only|plural acronym
MAGA|Make America Great Again|US political slogan
MAHA|Make America Healthy Again|US political slogan
MIGA|Make Israel Great Again|political slogan
KAG|Keep America Great|US political slogan
AOC|Alexandria Ocasio-Cortez|US politician initials
JFK|John F. Kennedy|US president initials
FDR|Franklin D. Roosevelt|US president initials
LBJ|Lyndon B. Johnson|US president initials
DJT|Donald J. Trump|US president initials
RFK|Robert F. Kennedy|US politician initials
HRC|Hillary Rodham Clinton|US politician initials
MTG|Marjorie Taylor Greene|US politician initials
CPAC|Conservative Political Action Conference|US political conference
NRA|National Rifle Association|US advocacy group
ACLU|American Civil Liberties Union|US advocacy group
NAACP|National Association for the Advancement of Colored People|US advocacy group
AIPAC|American Israel Public Affairs Committee|US advocacy group
SPLC|Southern Poverty Law Center|US advocacy group
AARP|American Association of Retired Persons|US advocacy group
AFL|American Federation of Labor|US labor federation
CIO|Congress of Industrial Organizations|US labor federation; also chief information officer
UAW|United Auto Workers|US labor union
SEIU|Service Employees International Union|US labor union
NEA|National Education Association|US labor union
AFT|American Federation of Teachers|US labor union
NFIB|National Federation of Independent Business|US business group
BLM|Black Lives Matter|US movement; also Bureau of Land Management
CNN|Cable News Network|news outlet
MSNBC|MSNBC|news outlet
MSDNC|MSNBC (derogatory nickname)|political slang
NBC|National Broadcasting Company|news outlet
ABC|American Broadcasting Company|news outlet
CBS|Columbia Broadcasting System|news outlet
CNBC|Consumer News and Business Channel|news outlet
PBS|Public Broadcasting Service|news outlet
NPR|National Public Radio|news outlet
BBC|British Broadcasting Corporation|news outlet
AP|Associated Press|news agency
UPI|United Press International|news agency
NYT|The New York Times|news outlet
WSJ|The Wall Street Journal|news outlet
OAN|One America News|news outlet
OANN|One America News Network|news outlet
RSBN|Right Side Broadcasting Network|news outlet
CSPAN|C-SPAN|news outlet
ESPN|Entertainment and Sports Programming Network|sports network
HBO|Home Box Office|TV network
MSM|mainstream media|political slang
NFL|National Football League|sports league
NBA|National Basketball Association|sports league
MLB|Major League Baseball|sports league
NHL|National Hockey League|sports league
NCAA|National Collegiate Athletic Association|sports body
PGA|Professional Golfers' Association|sports body
LIV|LIV Golf|sports league
UFC|Ultimate Fighting Championship|sports league
WWE|World Wrestling Entertainment|sports entertainment
NASCAR|National Association for Stock Car Auto Racing|sports body
GDP|gross domestic product|economics
GNP|gross national product|economics
CPI|consumer price index|economics
PPI|producer price index|economics
IPO|initial public offering|finance
ETF|exchange-traded fund|finance
LNG|liquefied natural gas|energy
EV|electric vehicle|technology
EVs|electric vehicles|plural acronym
AI|artificial intelligence|technology
CEO|chief executive officer|business title
CEOs|chief executive officers|plural acronym
CFO|chief financial officer|business title
COO|chief operating officer|business title
CTO|chief technology officer|business title
LLC|limited liability company|business
LLP|limited liability partnership|business
ID|identification|common abbreviation
IDs|identifications|plural acronym
TV|television|common abbreviation
TVs|televisions|plural acronym
PM|post meridiem; prime minister|common abbreviation
AM|ante meridiem|common abbreviation
OK|okay|common abbreviation
ASAP|as soon as possible|common abbreviation
FYI|for your information|common abbreviation
RSVP|répondez s'il vous plaît|common abbreviation
ICYMI|in case you missed it|internet abbreviation
LOL|laughing out loud|internet abbreviation
OMG|oh my God|internet abbreviation
RT|retweet|social media abbreviation
DM|direct message|social media abbreviation
DMs|direct messages|plural acronym
URL|uniform resource locator|technology
USB|Universal Serial Bus|technology
DNA|deoxyribonucleic acid|science
HIV|human immunodeficiency virus|health
AIDS|acquired immune deficiency syndrome|health
COVID|coronavirus disease 2019|health
SARS|severe acute respiratory syndrome|health
MMR|measles, mumps and rubella vaccine|health
PTSD|post-traumatic stress disorder|health
ICU|intensive care unit|health
ER|emergency room|health
MRI|magnetic resonance imaging|health
LGBT|lesbian, gay, bisexual and transgender|social category
LGBTQ|lesbian, gay, bisexual, transgender and queer|social category
DEI|diversity, equity and inclusion|US policy debate
CRT|critical race theory|US policy debate
ESG|environmental, social and governance|US policy debate
WMD|weapon of mass destruction|military
WMDs|weapons of mass destruction|plural acronym
ICBM|intercontinental ballistic missile|military
ICBMs|intercontinental ballistic missiles|plural acronym
IED|improvised explosive device|military
IEDs|improvised explosive devices|plural acronym
MIA|missing in action|military
POW|prisoner of war|military
POWs|prisoners of war|plural acronym
KIA|killed in action|military
ROTC|Reserve Officers' Training Corps|military
SWAT|Special Weapons and Tactics|police
ISIS|Islamic State of Iraq and Syria|militant group
ISIL|Islamic State of Iraq and the Levant|militant group
IRGC|Islamic Revolutionary Guard Corps|Iranian military
PLO|Palestine Liberation Organization|political organization
PA|Palestinian Authority; Pennsylvania|political organization; US state postal code
KGB|Committee for State Security (Soviet)|Soviet agency
FSB|Federal Security Service (Russia)|Russian agency
SVR|Foreign Intelligence Service (Russia)|Russian agency
GRU|Main Intelligence Directorate (Russia)|Russian agency
CCP|Chinese Communist Party|political party
CPC|Communist Party of China|political party
ANC|African National Congress|political party
SNP|Scottish National Party|political party
MP|member of parliament|political office
MPs|members of parliament|plural acronym
UKIP|UK Independence Party|political party
USC|University of Southern California; United States Code|university; US law
UCLA|University of California, Los Angeles|university
MIT|Massachusetts Institute of Technology|university
NYU|New York University|university
LSU|Louisiana State University|university
NYC|New York City|city
LA|Los Angeles; Louisiana|city; US state postal code
SF|San Francisco|city
DC|District of Columbia|US capital
NYS|New York State|US state
NYSE|New York Stock Exchange|finance
NASDAQ|National Association of Securities Dealers Automated Quotations|finance
IBM|International Business Machines|company
GM|General Motors|company
GE|General Electric|company
UPS|United Parcel Service|company
QVC|Quality Value Convenience|company
TMZ|TMZ|news outlet
SNL|Saturday Night Live|TV show
GMA|Good Morning America|TV show
TDS|Trump Derangement Syndrome|political slang
GOTV|get out the vote|campaign term
EO|executive order|US government
EOs|executive orders|plural acronym
QE|quantitative easing|economics
НАТО|NATO (Russian, Ukrainian)|Cyrillic acronym: caps in Cyrillic posts are judged like ASCII ones
США|USA (Russian)|Cyrillic acronym
ЕС|European Union (Russian)|Cyrillic acronym
ООН|United Nations (Russian)|Cyrillic acronym
РФ|Russian Federation|Cyrillic acronym
СССР|USSR|Cyrillic acronym
ВСУ|Armed Forces of Ukraine (Russian)|Cyrillic acronym
ЗСУ|Armed Forces of Ukraine (Ukrainian)|Cyrillic acronym
ФСБ|FSB|Cyrillic acronym
КГБ|KGB|Cyrillic acronym
МИД|Ministry of Foreign Affairs (Russian)|Cyrillic acronym
СНГ|CIS (Russian)|Cyrillic acronym
ЄС|European Union (Ukrainian)|Cyrillic acronym
ΝΑΤΟ|NATO (Greek)|Greek acronym
ΗΠΑ|USA (Greek)|Greek acronym
ΕΕ|European Union (Greek)|Greek acronym
ΟΗΕ|United Nations (Greek)|Greek acronym
CC|carbon copy; Creative Commons|UD silver: flagged as emphasis 12 times in EWT/GUM train+dev ("CC BY-SA"); "cc" is also an ordinary word
DAB|digital audio broadcasting|UD silver: flagged 9 times in train+dev (Abbr=Yes)
XMAS|Christmas|UD silver train+dev: Abbr=Yes; SCOWL lists Xmas as a name
VS|versus|UD silver train+dev: Abbr=Yes ("VS what's ideal"); "vs" is also in SCOWL
CIS|Commonwealth of Independent States|post-Soviet states; UD silver train+dev Abbr=Yes
JAN|January|month abbreviation in capitals (UD silver: NOV 07)
FEB|February|month abbreviation in capitals
APR|April|month abbreviation in capitals
JUN|June|month abbreviation in capitals
JUL|July|month abbreviation in capitals
AUG|August|month abbreviation in capitals
SEPT|September|month abbreviation in capitals
OCT|October|month abbreviation in capitals
NOV|November|month abbreviation in capitals (UD silver train+dev: NOV 07)
DEC|December|month abbreviation in capitals
IT|information technology|technology; in a run of capitals the pronoun wins (signals/caps.py)
AMA|American Medical Association|professional body
ABA|American Bar Association|professional body
CPA|certified public accountant|profession
MBA|Master of Business Administration|degree
"""

#: US state, DC and territory postal codes (AS and MP left out: AS is an
#: ordinary word, MP is listed above as 'member of parliament'; HI, IN, ME, OH
#: and OR left out too: in posts they are almost always the ordinary words,
#: often shouted for emphasis — "ME", "OH NO" — see tests/cases/caps.json).
POSTAL_CODES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas",
    "CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
    "FL": "Florida", "GA": "Georgia", "ID": "Idaho",
    "IL": "Illinois", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OK": "Oklahoma",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "US Virgin Islands",
}

# ---------------------------------------------------------------------------
# superlatives.tsv
# ---------------------------------------------------------------------------
#: Irregular and -most superlatives: form -> base.  Kept only if wamerican has them.
IRREGULAR_SUPERLATIVES = {
    "best": "good", "worst": "bad", "most": "much", "least": "little",
    "furthest": "far", "farthest": "far", "eldest": "old",
    "foremost": "fore", "utmost": "utter", "uttermost": "utter",
    "innermost": "inner", "inmost": "in", "outermost": "outer", "outmost": "out",
    "uppermost": "upper", "upmost": "up", "topmost": "top", "hindmost": "hind",
    "nethermost": "nether", "undermost": "under", "lowermost": "lower",
    "bottommost": "bottom", "midmost": "mid", "rearmost": "rear",
    "aftermost": "after", "endmost": "end", "furthermost": "far",
    "northernmost": "northern", "southernmost": "southern",
    "easternmost": "eastern", "westernmost": "western",
}
#: Attested -est superlatives whose base the suffix rule cannot reconstruct.
HAND_SUPERLATIVES = {"clayiest": "clayey", "hokiest": "hokey", "motliest": "motley"}
#: Words ending in -est that are not superlatives.  Derived output must not
#: contain any of them (the build fails if it does).
NOT_SUPERLATIVES = frozenset("""
arrest attest behest bequest celest chest conquest contest detest digest dishonest
earnest everest forest guest harvest honest incest infest inquest interest invest
jest manifest midwest modest molest nest northwest pest priest protest quest
rearrest request rest southwest suggest tempest test unrest vest west zest
budapest majest
afforest anapest armrest backrest blest congest crest deforest disinterest divest est
fest fliest footrest headrest immodest ingest lest livest palimpsest rainforest reforest
reinvest squintest wildebeest wrest yest
""".split())

# ---------------------------------------------------------------------------
# adjectives.tsv: participial adjectives lemminflect knows only as verbs.
# ---------------------------------------------------------------------------
PARTICIPIAL_ADJECTIVES = tuple("""
acclaimed admired alarming amused amusing annoyed annoying anticipated appreciated
astounding bored booming celebrated charming conflicted confused confusing crippling
decorated delighted devastated devastating disgraced discredited disorganized embarrassed
empowering energized envied esteemed failed focused frightened frightening honored
humiliated humiliating impressed inspired inspiring intimidating motivated organized
overrated overwhelmed panicked politicized rattled respected revered rigged saddened
scared shocked shocking sickening staggering stunned surprised surprising terrified
thrilled thriving troubling trusted underpaid underrated unhinged worrying
""".split())
#: Other words the code needs to treat as adjectives after so/too (so many people).
EXTRA_ADJECTIVES = {"many": ("ADJ NOUN", "quantifier used like an adjective ('so many', 'too many')")}

# ---------------------------------------------------------------------------
# intensifiers.tsv: (term, kind, context, source).  context "before_adjective":
# counts only when the next word is an adjective/adverb.
# ---------------------------------------------------------------------------
_BA = "before_adjective"
_DEG = "project: degree adverb (booster)"
_DEG_CTX = "project: degree adverb only before an adjective/adverb"
_HYP = "project: hyperbole common in Trump posts"
_HYP_ADJ = "project: exaggerating adjective"
_PHRASE = "project: hyperbolic phrase common in Trump posts"
INTENSIFIERS: tuple[tuple[str, str, str, str], ...] = (
    # VADER booster words (Hutto & Gilbert 2014), B_INCR entries only.  Left out:
    # more/most (comparative/superlative markers, handled by superlatives),
    # major (ordinary adjective), uber (company name), flipping/flippin and
    # fracking/frackin (political senses: flipping seats, fracking policy),
    # fuggin/fugging, kindof-style hedges (B_DECR).
    ("absolutely", "intensifier", "", VADER),
    ("amazingly", "intensifier", "", VADER),
    ("awfully", "intensifier", _BA, VADER),
    ("completely", "intensifier", "", VADER),
    ("considerably", "intensifier", "", VADER),
    ("decidedly", "intensifier", "", VADER),
    ("deeply", "intensifier", "", VADER),
    ("effing", "intensifier", "", VADER),
    ("enormous", "hyperbole", "", VADER),
    ("enormously", "intensifier", "", VADER),
    ("entirely", "intensifier", "", VADER),
    ("especially", "intensifier", _BA, VADER),
    ("exceptional", "hyperbole", "", VADER),
    ("exceptionally", "intensifier", "", VADER),
    ("extreme", "hyperbole", "", VADER),
    ("extremely", "intensifier", "", VADER),
    ("fabulously", "intensifier", "", VADER),
    ("fricking", "intensifier", "", VADER),
    ("frickin", "intensifier", "", VADER),
    ("frigging", "intensifier", "", VADER),
    ("friggin", "intensifier", "", VADER),
    ("fuckin", "intensifier", "", VADER),
    ("fucking", "intensifier", "", VADER),
    ("fully", "intensifier", "", VADER),
    ("greatly", "intensifier", "", VADER),
    ("hella", "intensifier", "", VADER),
    ("highly", "intensifier", "", VADER),
    ("hugely", "intensifier", "", VADER),
    ("incredible", "hyperbole", "", VADER),
    ("incredibly", "intensifier", "", VADER),
    ("intensely", "intensifier", "", VADER),
    ("majorly", "intensifier", "", VADER),
    ("particularly", "intensifier", _BA, VADER),
    ("purely", "intensifier", "", VADER),
    ("quite", "intensifier", _BA, VADER),
    ("really", "intensifier", "", VADER),
    ("remarkably", "intensifier", "", VADER),
    ("so", "intensifier", _BA, VADER),
    ("substantially", "intensifier", "", VADER),
    ("thoroughly", "intensifier", "", VADER),
    ("total", "hyperbole", "", VADER),
    ("totally", "intensifier", "", VADER),
    ("tremendous", "hyperbole", "", VADER),
    ("tremendously", "intensifier", "", VADER),
    ("unbelievably", "intensifier", "", VADER),
    ("unusually", "intensifier", "", VADER),
    ("utter", "intensifier", "", VADER),
    ("utterly", "intensifier", "", VADER),
    ("very", "intensifier", "", VADER),
    # Project degree adverbs.
    ("astonishingly", "intensifier", "", _DEG),
    ("bigly", "intensifier", "", "project: Trump's 'big league' booster"),
    ("big league", "intensifier", "", "project: Trump's 'big league' booster"),
    ("damn", "intensifier", _BA, _DEG_CTX),
    ("darn", "intensifier", _BA, _DEG_CTX),
    ("dramatically", "intensifier", _BA, _DEG_CTX),
    ("exceedingly", "intensifier", "", _DEG),
    ("extraordinarily", "intensifier", "", _DEG),
    ("fantastically", "intensifier", "", _DEG),
    ("freaking", "intensifier", "", _DEG),
    ("horribly", "intensifier", _BA, _DEG_CTX),
    ("immensely", "intensifier", "", _DEG),
    ("insanely", "intensifier", "", _DEG),
    ("literally", "intensifier", "", "project: emphatic adverb frequent in posts"),
    ("massively", "intensifier", "", _DEG),
    ("mightily", "intensifier", "", _DEG),
    ("overwhelmingly", "intensifier", "", _DEG),
    ("perfectly", "intensifier", _BA, _DEG_CTX),
    ("phenomenally", "intensifier", "", _DEG),
    ("pretty", "intensifier", _BA, _DEG_CTX),
    ("profoundly", "intensifier", "", _DEG),
    ("real", "intensifier", _BA, "project: informal degree adverb ('real good') only before an adjective/adverb"),
    ("ridiculously", "intensifier", "", _DEG),
    ("seriously", "intensifier", _BA, _DEG_CTX),
    ("shockingly", "intensifier", "", _DEG),
    ("spectacularly", "intensifier", "", _DEG),
    ("staggeringly", "intensifier", "", _DEG),
    ("strongly", "intensifier", "", "project: booster frequent in endorsements ('strongly support')"),
    ("super", "intensifier", _BA, _DEG_CTX),
    ("terribly", "intensifier", _BA, _DEG_CTX),
    ("too", "intensifier", _BA, _DEG_CTX),
    ("truly", "intensifier", "", _DEG),
    ("vastly", "intensifier", "", _DEG),
    ("way", "intensifier", _BA, "project: informal degree adverb ('way better') only before an adjective/adverb"),
    ("wildly", "intensifier", _BA, _DEG_CTX),
    # Project hyperbole: single words.
    ("absolute", "hyperbole", "", _HYP_ADJ),
    ("abysmal", "hyperbole", "", _HYP_ADJ),
    ("amazing", "hyperbole", "", _HYP),
    ("astonishing", "hyperbole", "", _HYP_ADJ),
    ("astounding", "hyperbole", "", _HYP_ADJ),
    ("atrocious", "hyperbole", "", _HYP_ADJ),
    ("awesome", "hyperbole", "", _HYP),
    ("beautiful", "hyperbole", "", "project: evaluative hyperbole very common in Trump posts (also literal use)"),
    ("breathtaking", "hyperbole", "", _HYP_ADJ),
    ("brilliant", "hyperbole", "", _HYP),
    ("catastrophe", "hyperbole", "", _HYP),
    ("catastrophic", "hyperbole", "", _HYP),
    ("colossal", "hyperbole", "", _HYP_ADJ),
    ("countless", "hyperbole", "", _HYP_ADJ),
    ("devastating", "hyperbole", "", _HYP),
    ("disaster", "hyperbole", "", _HYP),
    ("disastrous", "hyperbole", "", _HYP),
    ("disgraceful", "hyperbole", "", _HYP),
    ("endless", "hyperbole", "", _HYP_ADJ),
    ("epic", "hyperbole", "", _HYP_ADJ),
    ("ever", "hyperbole", "not_after_hedge",
     "project: hyperbole marker ('biggest ever') requested by the project; "
     "not after 'if' ('if ever' hedges: tests/cases/intensifiers.json int-027)"),
    ("extraordinary", "hyperbole", "", _HYP),
    ("fabulous", "hyperbole", "", _HYP),
    ("fantastic", "hyperbole", "", _HYP),
    ("flawless", "hyperbole", "", _HYP_ADJ),
    ("gigantic", "hyperbole", "", _HYP_ADJ),
    ("glorious", "hyperbole", "", _HYP),
    ("great", "hyperbole", "", "project: the project counts 'great' (most frequent evaluative word in Trump posts)"),
    ("historic", "hyperbole", "", _HYP),
    ("horrendous", "hyperbole", "", _HYP),
    ("horrible", "hyperbole", "", _HYP),
    ("huge", "hyperbole", "", _HYP),
    ("legendary", "hyperbole", "", _HYP),
    ("magnificent", "hyperbole", "", _HYP),
    ("marvelous", "hyperbole", "", _HYP_ADJ),
    ("massive", "hyperbole", "", _HYP),
    ("monumental", "hyperbole", "", _HYP),
    ("outstanding", "hyperbole", "", _HYP),
    ("perfect", "hyperbole", "", _HYP),
    ("phenomenal", "hyperbole", "", _HYP),
    ("record", "hyperbole", "", "project: 'record' as hyperbole ('record numbers') requested by the project"),
    ("record-breaking", "hyperbole", "", _HYP),
    ("record-setting", "hyperbole", "", _HYP),
    ("sensational", "hyperbole", "", _HYP),
    ("sheer", "intensifier", "", _HYP_ADJ),
    ("spectacular", "hyperbole", "", _HYP),
    ("stunning", "hyperbole", "", _HYP),
    ("superb", "hyperbole", "", _HYP_ADJ),
    ("terrible", "hyperbole", "", _HYP),
    ("unbelievable", "hyperbole", "", _HYP),
    ("unimaginable", "hyperbole", "", _HYP_ADJ),
    ("unlimited", "hyperbole", "", _HYP),
    ("unmatched", "hyperbole", "", _HYP),
    ("unparalleled", "hyperbole", "", _HYP),
    ("unprecedented", "hyperbole", "", _HYP),
    ("unrivaled", "hyperbole", "", _HYP_ADJ),
    ("unstoppable", "hyperbole", "", _HYP),
    ("unthinkable", "hyperbole", "", _HYP_ADJ),
    ("wonderful", "hyperbole", "", _HYP),
    ("yuge", "hyperbole", "", "project: Trump's pronunciation of 'huge', used in posts"),
    # Project hyperbole: phrases and figures.
    ("100%", "hyperbole", "", _PHRASE),
    ("1000%", "hyperbole", "", _PHRASE),
    ("100 percent", "hyperbole", "", _PHRASE),
    ("a hundred percent", "hyperbole", "", _PHRASE),
    ("a thousand percent", "hyperbole", "", _PHRASE),
    ("all time", "hyperbole", "", _PHRASE),
    ("all time high", "hyperbole", "", _PHRASE),
    ("all time record", "hyperbole", "", _PHRASE),
    ("all-time", "hyperbole", "", _PHRASE),
    ("at levels never seen before", "hyperbole", "", _PHRASE),
    ("beyond belief", "hyperbole", "", _PHRASE),
    ("by far", "hyperbole", "", _PHRASE),
    ("complete and total", "hyperbole", "", _PHRASE),
    ("ever before", "hyperbole", "", _PHRASE),
    ("ever seen", "hyperbole", "", _PHRASE),
    ("first time ever", "hyperbole", "", _PHRASE),
    ("first-ever", "hyperbole", "", _PHRASE),
    ("in american history", "hyperbole", "", _PHRASE),
    ("in history", "hyperbole", "", _PHRASE),
    ("in our history", "hyperbole", "", _PHRASE),
    ("in the history of", "hyperbole", "", _PHRASE),
    ("levels never seen before", "hyperbole", "", _PHRASE),
    ("like never before", "hyperbole", "", _PHRASE),
    ("like never seen before", "hyperbole", "", _PHRASE),
    ("like no other", "hyperbole", "", _PHRASE),
    ("like nobody has ever seen", "hyperbole", "", _PHRASE),
    ("like you have never seen", "hyperbole", "", _PHRASE),
    ("never before seen", "hyperbole", "", _PHRASE),
    ("never been better", "hyperbole", "", _PHRASE),
    ("never been stronger", "hyperbole", "", _PHRASE),
    ("never happened before", "hyperbole", "", _PHRASE),
    ("never seen before", "hyperbole", "", _PHRASE),
    ("no one has ever seen", "hyperbole", "", _PHRASE),
    ("nobody has ever seen", "hyperbole", "", _PHRASE),
    ("of all time", "hyperbole", "", _PHRASE),
    ("off the charts", "hyperbole", "", _PHRASE),
    ("record high", "hyperbole", "", _PHRASE),
    ("record highs", "hyperbole", "", _PHRASE),
    ("second to none", "hyperbole", "", _PHRASE),
    ("than ever", "hyperbole", "", _PHRASE),
    ("the likes of which", "hyperbole", "", _PHRASE),
    ("the world has ever seen", "hyperbole", "", _PHRASE),
    ("through the roof", "hyperbole", "", _PHRASE),
    ("total and complete", "hyperbole", "", _PHRASE),
)


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------
def read_wordlist(path: Path) -> list[str]:
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if not word or (word.endswith("'s") and word not in KEEP_CONTRACTIONS):
            continue
        words.append(word)
    return sorted(set(words))


def is_acronym_shape(word: str) -> bool:
    """ALL-CAPS with at least two letters and no lower-case letter."""
    return sum(ch.isalpha() for ch in word) >= 2 and not any(ch.islower() for ch in word)


def pos_of(lemmas: dict) -> list[str]:
    return [p for p in POS_ORDER if p in lemmas]


def build_words(words: list[str]) -> list[tuple[str, ...]]:
    present = set(words)
    rows = [(w, SCOWL) for w in words]
    for word, (reason, _) in SUPPLEMENT_WORDS.items():
        if word in present:
            raise SystemExit(f"supplement word {word!r} is already in the word list; drop it")
        if not word.islower():
            raise SystemExit(f"supplement word {word!r} must be lower-case")
        rows.append((word, f"project: {reason}"))
    if len(SUPPLEMENT_WORDS) >= 150:
        raise SystemExit("keep the supplement under 150 words")
    return sorted(rows)


def build_acronyms(words: list[str]) -> list[tuple[str, ...]]:
    curated: dict[str, tuple[str, str]] = {}
    for line in ACRONYMS.strip().splitlines():
        term, expansion, note = line.split("|")
        if term in curated:
            raise SystemExit(f"duplicate curated acronym {term!r}")
        curated[term] = (expansion, note)
    for code, state in POSTAL_CODES.items():
        if code in curated:
            expansion, note = curated[code]
            if state not in expansion:
                expansion, note = f"{expansion}; {state}", f"{note}; US state postal code"
            curated[code] = (expansion, note)
        else:
            curated[code] = (state, "US state postal code")
    for term in curated:
        base = term[:-1] if term.endswith("s") else term
        if not base.isupper() or not base.isalpha() or len(base) < 2:
            raise SystemExit(f"curated acronym {term!r} has an unexpected shape")
    rows = [(t, e, f"project: {n}") for t, (e, n) in curated.items()]
    rows += [(w, "", SCOWL) for w in words if is_acronym_shape(w) and w not in curated]
    return sorted(rows)


def derive_superlatives(lower: set[str]):
    import lemminflect

    lemmas: set[tuple[str, str]] = set()
    for word in sorted(lower):
        for upos, forms in lemminflect.getAllLemmas(word).items():
            if upos in ("ADJ", "ADV"):
                lemmas.update((lemma, upos) for lemma in forms)
    found: dict[str, set[str]] = {}
    for lemma, upos in sorted(lemmas):
        tag = "JJS" if upos == "ADJ" else "RBS"
        for form in lemminflect.getAllInflections(lemma, upos=upos).get(tag, ()):
            form = form.lower()
            if form in lower and form.isalpha():
                found.setdefault(form, set()).add(lemma)
    return found


def suffix_bases(form: str) -> list[str]:
    """Candidate positive forms of an -est word: tall-est, nic-est, big-g-est, happ-i-est, fre-est."""
    stem = form[:-3]
    bases = [stem, stem + "e", form[:-2]]
    if len(stem) >= 2 and stem[-1] == stem[-2]:
        bases.append(stem[:-1])
    if stem.endswith("i"):
        bases.append(stem[:-1] + "y")
    return [b for b in dict.fromkeys(bases) if len(b) >= 2]


def recover_superlatives(lower: set[str], taken: set[str]) -> dict[str, str]:
    """-est words of the list that lemminflect does not generate (bluest, corruptest, goofiest).

    Kept when a candidate base is an adjective/adverb for lemminflect, or, failing
    that, a word of the list of three letters or more (completest, goofiest);
    NOT_SUPERLATIVES (hand-reviewed) removes the false positives (honest, modest).
    """
    import lemminflect

    recovered = {}
    for form in sorted(w for w in lower if w.endswith("est") and w.isalpha()):
        if form in taken or form in NOT_SUPERLATIVES:
            continue
        bases = suffix_bases(form)
        adjectival = [b for b in bases if {"ADJ", "ADV"} & set(lemminflect.getAllLemmas(b))]
        listed = [b for b in bases if len(b) >= 3 and b in lower]
        if adjectival or listed:
            recovered[form] = (adjectival or listed)[0]
    return recovered


RECOVERED = "project: -est form in wamerican missed by lemminflect (suffix rule, hand-reviewed)"


def build_superlatives(lower: set[str]) -> tuple[list[tuple[str, ...]], dict]:
    found = derive_superlatives(lower)
    rows = {}
    for form, base in IRREGULAR_SUPERLATIVES.items():
        if form in lower:
            rows[form] = (form, "irregular", base, "project: irregular or -most superlative")
    for form, bases in found.items():
        if form in rows:
            continue
        if form in NOT_SUPERLATIVES:
            raise SystemExit(f"derived superlative {form!r} is on the NOT_SUPERLATIVES list")
        rows[form] = (form, "inflected", sorted(bases)[0], LEMMA_SCOWL)
    recovered = recover_superlatives(lower, set(rows))
    recovered.update({f: b for f, b in HAND_SUPERLATIVES.items() if f in lower and f not in rows})
    for form, base in recovered.items():
        rows[form] = (form, "inflected", base, RECOVERED)
    for form in rows:
        if form in NOT_SUPERLATIVES or not form.isalpha():
            raise SystemExit(f"superlative {form!r} must not be listed")
    return sorted(rows.values()), found


def build_adjectives(lower: set[str]) -> list[tuple[str, ...]]:
    import lemminflect

    rows = {}
    for word in sorted(lower):
        if not word.isalpha():
            continue
        pos = pos_of(lemminflect.getAllLemmas(word))
        if "ADJ" in pos or "ADV" in pos:
            rows[word] = (word, " ".join(pos), LEMMA_SCOWL)
    for word in PARTICIPIAL_ADJECTIVES:
        if word in rows:
            continue  # lemminflect already lists it as an adjective
        if word not in lower:
            raise SystemExit(f"participial adjective {word!r} is not in the word list")
        pos = sorted(set(pos_of(lemminflect.getAllLemmas(word))) | {"ADJ"}, key=POS_ORDER.index)
        rows[word] = (word, " ".join(pos), "project: participial adjective")
    for word, (_reason, tags) in SUPPLEMENT_WORDS.items():
        if tags and word not in rows:
            tagset = set(tags.split()) | set(pos_of(lemminflect.getAllLemmas(word)))
            rows[word] = (word, " ".join(p for p in POS_ORDER if p in tagset),
                          "project: adjective/adverb missing from wamerican")
    for word, (tags, reason) in EXTRA_ADJECTIVES.items():
        rows[word] = (word, tags, f"project: {reason}")
    return sorted(rows.values())


def build_intensifiers() -> list[tuple[str, ...]]:
    seen = set()
    for term, kind, context, source in INTENSIFIERS:
        if term != " ".join(term.lower().split()) or term in seen:
            raise SystemExit(f"intensifier {term!r}: not normalised or duplicated")
        contexts = ("", "before_adjective", "not_after_hedge")
        if kind not in ("intensifier", "hyperbole") or context not in contexts or not source:
            raise SystemExit(f"intensifier {term!r}: bad kind/context")
        seen.add(term)
    return sorted(INTENSIFIERS)


def write_tsv(name: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    lines = ["\t".join(header)]
    for row in rows:
        if any("\t" in cell or "\n" in cell for cell in row) or not row[0] or not row[-1]:
            raise SystemExit(f"{name}: bad row {row!r}")
        lines.append("\t".join(row))
    (OUT_DIR / name).write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    print(f"{name}: {len(rows)} rows")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordlist", type=Path, default=WORDLIST)
    parser.add_argument("--review", action="store_true",
                        help="print every -est word of the list, included or not, for hand review")
    args = parser.parse_args(argv)
    try:
        import lemminflect  # noqa: F401
    except ImportError:
        print("build_lexicons needs lemminflect (pip install lemminflect==0.2.3)", file=sys.stderr)
        return 2
    if not args.wordlist.exists():
        print(f"{args.wordlist}: not found (apt-get install wamerican)", file=sys.stderr)
        return 2
    words = read_wordlist(args.wordlist)
    lower = {w for w in words if w.islower() and "'" not in w}
    write_tsv("words.tsv", ("word", "source"), build_words(words))
    write_tsv("acronyms.tsv", ("term", "expansion", "source"), build_acronyms(words))
    superlatives, found = build_superlatives(lower)
    write_tsv("superlatives.tsv", ("form", "kind", "base", "source"), superlatives)
    write_tsv("adjectives.tsv", ("word", "pos", "source"), build_adjectives(lower))
    write_tsv("intensifiers.tsv", ("term", "kind", "context", "source"), build_intensifiers())
    if args.review:
        kept = {row[0] for row in superlatives}
        est = sorted(w for w in lower if w.endswith("est"))
        print("-est words kept:", " ".join(w for w in est if w in kept))
        print("-est words kept by the suffix rule:",
              " ".join(r[0] for r in superlatives if r[3] == RECOVERED))
        print("-est words left out:", " ".join(w for w in est if w not in kept))
    return 0


if __name__ == "__main__":
    sys.exit(main())
