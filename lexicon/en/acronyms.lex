# Acronyms in British, American and international English news (format:
# lexicon/README.md).  Part of the built-in English lexicon, loaded before
# lexicon/en.lex (whose entries win).  Each entry has its golden IPA in
# tests/golden/ipa/en-acronyms.tsv.  Readings follow BBC and AP usage:
# spelled letters, a word ("NATO"), or a respelling where eSpeak NG would
# spell a word or misplace the stress ("FTSE" -> "Footsie", "OFCOM" ->
# "Off-com").  Expansions where a newsreader gives the full name on first
# mention.
# --- UK politics, government, public bodies ---
MP	spell
MEP	spell
MSP	spell
MLA	spell
PM	spell
PMQs	"P M Q's"
NHS	spell
BBC	spell
ITV	spell
ONS	spell	expand "Office for National Statistics"
OBR	spell	expand "Office for Budget Responsibility"
HMRC	spell
DWP	spell	expand "Department for Work and Pensions"
DfE	"D F E"
# mixed case, letters (eSpeak NG reads "MoD" as "Mo D", "HoC" as "hock")
MoD	"M O D"
DoD	"D O D"
DoJ	"D O J"
DoE	"D O E"
HoC	"H O C"
IoT	"I O T"
FoI	"F O I"
CoE	"C O E"
FCDO	spell	expand "Foreign, Commonwealth and Development Office"
DHSC	spell
DEFRA	[[d'Efr@]]
ACAS	[['eIkas]]
DVLA	spell
CPS	spell	expand "Crown Prosecution Service"
NCA	spell	expand "National Crime Agency"
MI5	"M I five"
MI6	"M I six"
GCHQ	spell	expand "Government Communications Headquarters"
SAS	spell
RAF	spell
RN	spell
PSNI	spell	expand "Police Service of Northern Ireland"
IPCC	spell	expand "Intergovernmental Panel on Climate Change"
IOPC	spell	expand "Independent Office for Police Conduct"
FCA	spell	expand "Financial Conduct Authority"
PRA	spell
CMA	spell	expand "Competition and Markets Authority"
OFCOM	"Off-com"
OFGEM	"Off-jem"
OFWAT	"Off-wot"
OFSTED	"Off-sted"
UCAS	[[j'u:kas]]
TfL	"T F L"
HS2	"H S two"
DUP	spell	expand "Democratic Unionist Party"
SNP	spell	expand "Scottish National Party"
SDLP	spell
UUP	spell
TUC	spell	expand "Trades Union Congress"
NUT	spell
ASLEF	"Az-lef"
BOA	spell
SIS	spell
CBI	spell	expand "Confederation of British Industry"
FTSE	"Footsie"
LSE	spell
BoE	"B O E"
GDP	spell
GNP	spell
CPI	spell
RPI	spell
VAT	spell
PAYE	spell
ISA	[['aIs@]]
NI	spell
UKIP	[[j'u:kIp]]
ECHR	spell	expand "European Convention on Human Rights"
# --- US politics, government, agencies ---
POTUS	[[p'oUt@s]]
SCOTUS	[[sk'oUt@s]]
GOP	spell
DNC	spell
RNC	spell
FBI	spell
CIA	spell
NSA	spell
DHS	spell
ICE	word
CBP	spell
ATF	spell
DEA	spell
DOJ	spell
DOD	spell
EPA	spell	expand "Environmental Protection Agency"
FDA	spell	expand "Food and Drug Administration"
CDC	spell	expand "Centers for Disease Control and Prevention"
NIH	spell
FAA	spell	expand "Federal Aviation Administration"
NTSB	spell	expand "National Transportation Safety Board"
FEMA	"Feema"
FCC	spell
FTC	spell
SEC	spell
IRS	spell
NASA	"Nassa"
NOAA	"Noah"
USPS	spell
USAID	"U S aid"
NYPD	spell
LAPD	spell
ACLU	spell
NRA	spell
NAACP	"N double A- C P"
AIPAC	[['eIpak]]
DMV	spell
GAO	spell
CBO	spell	expand "Congressional Budget Office"
OMB	spell
USDA	spell
HUD	word
VA	spell
DC	spell
NYC	spell
LA	spell
USA	spell
US	spell
UK	spell
UAE	spell
DRC	spell
CAR	spell	expand "Central African Republic"
USSR	spell
PRC	spell
ROK	spell
DPRK	spell
# --- international bodies ---
UN	spell
EU	spell
NATO	"Nayto"
WHO	spell
IMF	spell
ECB	spell
WTO	spell
ILO	spell
IOM	spell
IAEA	spell
OECD	spell
OPEC	"Oh-peck"
OSCE	spell
UNHCR	spell
UNICEF	"Yoonisef"
UNESCO	"Yoonesco"
UNRWA	"Un-rah"
UNDP	spell
UNEP	[[j'u:nEp]]
UNFCCC	spell
UNCTAD	"Unk-tad"
UNGA	spell
UNSC	spell
UNIFIL	"Yooni-fil"
UNMIK	"Un-mick"
UNAIDS	"U N aids"
WFP	spell	expand "World Food Programme"
FAO	spell
ICC	spell	expand "International Criminal Court"
ICJ	spell	expand "International Court of Justice"
ICTY	spell
ECJ	spell
ICRC	spell
IFRC	spell
MSF	spell
HRW	spell
OHCHR	spell
AU	spell
ECOWAS	"Ee-co-was"	expand "Economic Community of West African States"
SADC	"Sadek"
ASEAN	[['asI@n]]
APEC	[['eIpEk]]
BRICS	word
CARICOM	"Carry-com"
MERCOSUR	"Mercosoor"
NAFTA	word
USMCA	spell
GCC	spell
OIC	spell
SCO	spell
CSTO	spell
CIS	spell
OAS	spell
EBRD	spell	expand "European Bank for Reconstruction and Development"
EIB	spell
AfDB	"A- F D B"
ADB	spell
AIIB	spell
BIS	spell
IEA	spell	expand "International Energy Agency"
COP	word
COP28	"cop twenty-eight"
COP29	"cop twenty-nine"
COP30	"cop thirty"
G7	"G seven"
G20	"G twenty"
IOC	spell	expand "International Olympic Committee"
FIFA	"Feefa"
UEFA	[[ju:'eIf@]]
WADA	[[w'A:d@]]	expand "World Anti-Doping Agency"
CAS	spell	expand "Court of Arbitration for Sport"
NBA	spell
NFL	spell
MLB	spell
NHL	spell
MLS	spell
PGA	spell
ATP	spell
WTA	spell
EPL	spell
UFC	spell
F1	"Formula One"
KFOR	"Kay-for"
EULEX	"Yoo-lex"
EUFOR	"Yoo-for"
ISAF	[['aIsaf]]
SHAPE	word
AUKUS	[['O:k@s]]
QUAD	word
# --- parties, armed groups, movements ---
ANC	spell	expand "African National Congress"
EFF	spell
ZANU	"Zah-noo"
AKP	spell
CHP	spell
PKK	spell	expand "Kurdistan Workers' Party"
YPG	spell
SDF	spell	expand "Syrian Democratic Forces"
HTS	spell
ISIS	[['aIsIs]]
ISIL	[['aIsIl]]
PLO	spell	expand "Palestine Liberation Organization"
IDF	spell	expand "Israel Defense Forces"
IRGC	spell	expand "Islamic Revolutionary Guard Corps"
IRA	spell
ETA	"Etta"
FARC	"Fark"
ELN	spell
RSF	spell	expand "Rapid Support Forces"
TPLF	spell	expand "Tigray People's Liberation Front"
AQAP	spell
AQIM	spell
JNIM	spell
LRA	spell
CDU	spell
CSU	spell
SPD	spell
AfD	"A- F D"
FDP	spell
PSOE	[[peIs'oUeI]]
BJP	spell	expand "Bharatiya Janata Party"
INC	spell
PPP	spell
PTI	spell
LDP	spell
KMT	spell
DPP	spell
CCP	spell
PLA	spell	expand "People's Liberation Army"
NLD	spell
# --- business, economy, media ---
LIDL	"Lidl"
ICANN	"Eye-can"
CEO	spell
CFO	spell
COO	spell
CTO	spell
IPO	spell
M&A	"M and A-"
LLC	spell
PLC	spell
LTD	"limited"
ETF	spell
ESG	spell
AGM	spell
HR	spell
PR	spell
AI	spell
AGI	spell
IBM	spell
HP	spell
AMD	spell
TSMC	spell
BMW	spell
VW	spell
GM	spell
BP	spell
HSBC	spell
UBS	spell
RBS	spell
JPMorgan	"J P Morgan"
BYD	spell
ASML	spell
SUV	spell
EV	spell
LNG	spell
CO2	"C O two"
NYSE	spell
NASDAQ	"Naz-dack"
FAANG	"Fang"
DAX	word
CAC	"Cack"
S&P	"S and P"
FOMC	spell
FED	word
WSJ	spell
NYT	spell
AP	spell
AFP	spell
CNN	spell
NBC	spell
CBS	spell
ABC	spell
NPR	spell
PBS	spell
MSNBC	spell
RT	spell
DPA	spell
ANSA	[['ans@]]
SABC	spell
CBC	spell
RTE	spell
ITN	spell
# --- health, science, tech ---
COVID	[[k'oUvId]]
HIV	spell
AIDS	word
SARS	word
MERS	word
RSV	spell
TB	spell
MRI	spell
ICU	spell
A&E	"A- and E"
GP	spell
NGO	spell
DNA	spell
RNA	spell
mRNA	"M R N A-"
PPE	spell
PTSD	spell
ADHD	spell
IVF	spell
CERN	"Sern"
ESA	"Eesa"
JAXA	"Jacksa"
ISS	spell
GPS	spell
USB	spell
PDF	spell
SMS	spell
VPN	spell
URL	spell
API	spell
CPU	spell
GPU	spell
RAM	word
LED	spell
TV	spell
DVD	spell
CD	spell
FAQ	spell
ID	spell
PIN	word
ATM	spell
DIY	spell
VIP	spell
RIP	spell
AWOL	[['eIw0l]]
ASAP	spell
LGBT	spell
LGBTQ	spell
BLM	spell
IED	spell
ICBM	spell
UAV	spell
SAM	word
WMD	spell
NPT	spell
CTBT	spell
INF	spell
START	word
JCPOA	spell
GCSE	spell
PhD	"P H D"
MBA	spell
BA	spell
MA	spell
UCL	spell
MIT	spell
UCLA	spell
NYU	spell
# exam names said as words in Britain
SATs	"Sats"
# --- military hardware (models with a number: lexicon/en/designators.tsv) ---
MiG	Mig
MiGs	Migs
HIMARS	"High-mars"
SEAL	word
