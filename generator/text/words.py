"""Word lists: the one home of every list of words the generator treats apart.

Each list is named for its purpose; where two differ, they differ on purpose:

- :data:`STOP_WORDS`: words that say nothing about a paper's subject (English function
  words and the boilerplate of abstracts): out of the TF-IDF vectors and of phrases.
- :data:`SEARCH_STOP_WORDS`: the few words a search query drops; short on purpose (a
  query "networks of networks" keeps "of" out only), and shipped to the browser with the
  index (``site/search.py`` writes it into the manifest, ``docs/assets/search.js`` reads it).
- :data:`CITATION_KEY_STOP_WORDS`: title words a BibTeX key skips ("On the …" → the next word).
- :data:`INITIALS_SKIPPED`: words an acronym's initials skip ("graph neural networks for
  ranking (GNNR)").
- :data:`DANGLING_WORDS`: words a clipped title never ends on ("… connections between").
- :data:`GENERIC_WORDS`: words too general to name a topic or make a tag ("analysis", "data").
- :data:`NAME_STOP_WORDS`: words that may match papers but say too little to name a topic.
- :data:`GENERAL_WORDS`: words the papers of every field use (generated: see its comment).
- :data:`ADJECTIVE_ENDINGS`: endings of adjectives and adverbs ("stellar", "classical").
- :data:`NAME_PARTICLES`, :data:`NAME_SUFFIXES`: the particles and suffixes of people's names.
- :data:`VENUE_MEETING_WORDS`, :data:`VENUE_ORGANISERS`, :data:`VENUE_ORDINALS`, :data:`VENUE_PLACES`:
  how a venue's name says it is a meeting, who holds it, which edition, and where (``text/venues.py``).
- :data:`WORKFLOW_KEYWORDS`, :data:`INDEX_TERMS`: keywords that are never tags (reading status,
  publication types, MeSH check tags, Scopus index terms, disciplines); a project extends them.
- :data:`MESH_QUALIFIERS`, :data:`MESH_INVERSIONS`, :data:`MESH_INVERTED_HEADS`: how MeSH headings
  are written, for ``text/keywords.py``.

General-English frequencies and parts of speech are not lists here: ``text/lexicon.py`` reads
them from the wordfreq and lemminflect packages.
"""
from __future__ import annotations

#: Words that say nothing about a paper's subject: English function words
#: and the boilerplate of abstracts (matched after plural folding too).
STOP_WORDS = frozenset("""
    a about above across after afterwards again against all almost alone along already also although
    always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at
    be became because become becomes becoming been before beforehand behind being below beside besides
    between beyond both but by can cannot could de do does doing done down due during each eg either
    else elsewhere enough et etc even ever every everyone everything everywhere except few for former
    formerly from further had has have having he hence her here hereby herein hers herself him himself
    his how however i ie if in inc indeed into is it its itself just least less many may me meanwhile
    might more moreover most mostly much must my myself namely neither never nevertheless next no nobody
    none nor not nothing now nowhere of off often on once one only onto or other others otherwise our
    ours ourselves out over own per perhaps rather same seem seemed seeming seems several she should
    since so some somehow someone something sometime sometimes somewhere still such than that the their
    them themselves then thence there thereafter thereby therefore therein thereupon these they this
    those though through throughout thus to together too toward towards two under until up upon us very
    via was we well were what whatever when whence whenever where whereas whereby wherein whether which
    while who whoever whole whom whose why will with within without would yet you your yours

    paper propose proposed proposes present presents introduce introduces introduced novel new
    method methods approach approaches result results show shows shown demonstrate demonstrates
    experiment experimental experiments extensive existing state art stateoftheart achieve achieves
    achieved outperform outperforms significantly significant performance based using use used
    work works improve improved improves improvement study studies task tasks framework different
    various furthermore moreover finally specifically particular effective efficient effectively
    provide provides recent recently problem problems address approach lead leads demonstrated
    code available github com https http www
""".split())


#: The search's stop words: dropped from queries and from the index alike (the browser
#: gets this list with the index, so both sides drop the same words).
SEARCH_STOP_WORDS = frozenset(
    "a an and are as at be by can for from has have in into is it its of on or our that the their "
    "these this to we which with".split()
)

#: Title words a citation key skips: "On the origin of species" → "origin".
CITATION_KEY_STOP_WORDS = frozenset(
    "a an the on of for in to and with from towards toward via by is are how what when why do does can we "
    "your all".split()
)

#: Words an acronym's initials skip: "graph neural networks for ranking" spells GNNR.
INITIALS_SKIPPED = frozenset("a an the of for and in on to with by via we our is are".split())

#: Words a clipped title never ends on ("… evolutionary connections between"), any case.
DANGLING_WORDS = frozenset("""
    a an the of for and or nor but in on to with by from at as its their our his her
    between into onto over under than that which whose while via through across among
    within without upon about against during using is are was were be been this these
    those such both each all any some very more most can may not we it they
""".split())

#: Words too general to name a topic or make a tag, besides STOP_WORDS.
GENERIC_WORDS = frozenset("""
    able abstract account addition additional al allow allows analysis analyze applied apply article aim aims
    based basic better case cases certain change changes class classes common compare compared comparison
    condition conditions consider considered consists context data dataset datasets define defined degree
    derive derived describe described description design detail detailed develop developed development
    different discuss discussed effect effects employ end example examples exist exists fact factor factors
    field first form function general given good great high higher however important include included includes
    including increase increased information interest investigate investigated issue key known large larger
    level levels low lower main make makes making measure measured measurement model models modeling modelling
    number numerical observed obtain obtained order paper parameter parameters part particular point possible
    potential present presented previous problem process processes property properties provide question range
    rate real recent related report reported research respect result role sample samples second set sets show
    significant similar simple single small solution solutions specific standard state states strong structure
    studied study system systems term terms test third time times total type types understanding value values
    various way well wide work
    let give gives prove proves proved solve solved predict predicts estimate estimated train trained learn
    learned compute computed calculate calculated calculation calculations find found discover introduce
    suggest suggests exhibit exhibits demonstrate reveal reveals observe investigate new novel true year years
    month months patient patients method approach group groups
    shall concerning represent represents depend depends illustrate illustrates
    three four five six seven eight nine ten hundred thousand
    require requires required enable enables enabled ensure ensures involve involves yield yields
    remain remains challenge challenges current leverage leverages diverse note notes cause causes caused
""".split())
#: Words that may match papers but say too little to name a topic ("Regime and simulations").
NAME_STOP_WORDS = frozenset("""
    separate following regime application applications dependence mechanism technique techniques contribution
    contributions presence entire hold holds extend extends presenting expose review severe history contrast
    pair powerful link links state-of-the-art art framework frameworks setting settings scheme schemes
    arbitrary deep
""".split())

#: Words of research writing in every field (phrase keys: lower-case, singular): a topic
#: name made only of these, of ``GENERAL_WORDS`` and of ``NAME_STOP_WORDS`` names no field
#: ("Conclusions and treatment", "Market and evidence", "Activity and cells").
ACADEMIC_WORDS = frozenset("""
    advantage disadvantage activity observation conclusion evidence training theory user insight future
    support finding outcome implication limitation challenge opportunity perspective overview trend aspect
    feature issue factor role impact effect concept framework approach strategy technique tool method
    methodology analysis evaluation assessment application development improvement performance efficiency
    quality accuracy comparison relationship interaction difference change increase decrease level rate
    range value number amount ratio form shape type kind case example area region unit part element
    component structure system process mechanism property parameter variable condition state set class
    group category sample individual person people participant subject work task problem question answer
    idea knowledge information data result report review study research paper article literature field
    domain topic discipline science scientist researcher author world life history time period year decade
    day place location site context situation setting scenario circumstance experience practice use usage
    purpose goal aim objective need requirement benefit success failure progress advance advancement
    innovation discovery contribution proposal model version variant extension combination integration
    implementation solution alternative option choice decision test trial measure measurement estimate
    prediction simulation experiment experimental observational empirical theoretical practical real
    recent current previous present past novel new old general specific particular common typical
    important key main major minor significant large small high low good better best bad poor strong weak
    different similar various several many multiple single double first second third last early late long
    short wide broad full total overall whole entire basic simple complex advanced modern traditional
    conventional standard existing available possible potential likely relevant useful effective efficient
    robust reliable accurate precise exact direct indirect positive negative open close human natural
    social public private global local national international regional
    way means lot deal thing something point end side line word name account matter reason basis
    order addition contrast respect regard view light detail direction attention interest
    importance presence absence lack need help source target scale size degree extent
    argue exploit take perform differ underlie contain detect make give show find raise conclude explore
    unique primary shift cohort metric representation specificity protocol
    correction notion indicator baseline occurrence similarity usefulness reliance
""".split())

#: Words that praise, date or hedge a thing rather than name it: no first word of a
#: topic's name ("state-of-the-art MAPF algorithms" is "MAPF algorithms").
EVALUATIVE_WORDS = frozenset("""
    state-of-the-art novel new modified improved proposed existing efficient effective robust simple
    accurate recent various well-known popular standard typical current previous
""".split())

#: Units of measurement ("kpc", "GHz"): no subject of a paper, never part of a topic's name.
UNITS = frozenset("""
    pc kpc mpc gpc au ev kev mev gev tev hz khz mhz ghz thz nm um μm mm cm km kg mg μg ml mol mmol
    yr kyr myr gyr mw kw gw dex jy mjy erg ppm ppb mk μk
""".split())

#: Function words of the languages besides English most often met in abstracts, and English
#: ones: a text with more of the former than of the latter is not English ("für die", "und").
FOREIGN_FUNCTION_WORDS = frozenset("""
    der die das und für von mit den dem des ist sind wird werden eine einer eines auf zur zum bei nicht
    les une est dans pour avec sur sont aux qui que par ces cette
    los las una del para con por como más sus entre sobre también
    della delle degli nel nella sono gli che
    het een zijn voor niet worden wordt bij naar
""".split())
ENGLISH_FUNCTION_WORDS = frozenset("the of and in to is are for with that this we on by from be as an which".split())

#: Words after which a word is a verb ("exploring the", "solving a", "studying how").
OBJECT_WORDS = frozenset("the a an this these those their its our how whether what which such".split())

#: Words after which a word is a verb ("to find", "we plan", "can exploit").
VERB_CUES = frozenset("to we they i you can could may might must should will would cannot then".split())

#: Endings of adjectives and adverbs: such a word alone names nothing ("stellar", "classical").
ADJECTIVE_ENDINGS = ("al", "ic", "ous", "ive", "ed", "ly", "ar", "ible", "able")

#: Particles of family names ("Ludwig van Beethoven") and suffixes after them ("Jr.").
NAME_PARTICLES = frozenset("van von vom zu zur der den de del della di da du le la dos das te ter ten bin al".split())
NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())

#: Words that make a venue a meeting (its "Proceedings of the" and edition are not its name).
VENUE_MEETING_WORDS = frozenset("""conference conferences conf workshop workshops symposium symposia symp congress
meeting colloquium forum summit school days day week convention seminar congres tagung fachgesprach""".split())
#: Who holds a meeting, and words that qualify it, left out when series are compared
#: ("IEEE International Conference on X" and "International Conference on X" are one).
VENUE_ORGANISERS = frozenset("""ieee acm ifip ifac rsj siam aaai usenix gi ieice springer international
annual""".split())
#: Editions written as words ("Fifth", "Twenty-First").
VENUE_ORDINALS = frozenset("""first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth
fiftieth""".split())
#: Countries, US states and the like that end a venue's place ("Munich, Germany", "Virtual Event, Italy").
VENUE_PLACES = frozenset(line.strip().lower() for line in """
afghanistan|albania|algeria|andorra|angola|argentina|armenia|australia|austria|azerbaijan|bahamas|bahrain
bangladesh|barbados|belarus|belgium|belize|benin|bhutan|bolivia|bosnia and herzegovina|botswana|brazil|brunei
bulgaria|burkina faso|burundi|cambodia|cameroon|canada|cape verde|chad|chile|china|colombia|congo|costa rica
croatia|cuba|cyprus|czech republic|czechia|denmark|djibouti|dominican republic|ecuador|egypt|el salvador
estonia|eswatini|ethiopia|fiji|finland|france|gabon|gambia|georgia|germany|ghana|greece|guatemala|guinea
haiti|honduras|hong kong|hungary|iceland|india|indonesia|iran|iraq|ireland|israel|italy|ivory coast|jamaica
japan|jordan|kazakhstan|kenya|korea|south korea|republic of korea|kosovo|kuwait|kyrgyzstan|laos|latvia
lebanon|lesotho|liberia|libya|liechtenstein|lithuania|luxembourg|macau|macao|madagascar|malawi|malaysia
maldives|mali|malta|mauritius|mexico|moldova|monaco|mongolia|montenegro|morocco|mozambique|myanmar|namibia
nepal|netherlands|the netherlands|new zealand|nicaragua|niger|nigeria|north macedonia|norway|oman|pakistan
panama|paraguay|peru|philippines|poland|portugal|puerto rico|qatar|romania|russia|russian federation|rwanda
saudi arabia|senegal|serbia|singapore|slovakia|slovenia|south africa|spain|sri lanka|sudan|sweden
switzerland|syria|taiwan|tajikistan|tanzania|thailand|togo|tunisia|turkey|türkiye|uganda|ukraine
united arab emirates|uae|united kingdom|uk|u.k.|england|scotland|wales|northern ireland|united states
united states of america|usa|u.s.a.|us|u.s.|uruguay|uzbekistan|venezuela|vietnam|viet nam|yemen|zambia
zimbabwe|online|virtual|virtual event|virtual conference|hybrid
alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|hawaii|idaho|illinois
indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri
montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio
oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia
washington|west virginia|wisconsin|wyoming|ca|ny|ma|tx|wa|pa|il|nj|fl|ga|co|az|nc|md|va|mi|bc|on|qc
""".replace("\n", "|").split("|") if line.strip())

# --- keywords that are never tags ---------------------------------------------------------------
#
# Each entry is compared with a keyword folded (``normalise.fold``: lower-case ASCII words, one
# space: "Peer Reviewed", "peer-reviewed" and "PEER_REVIEWED" are one); a "*" stands for any
# words ("priority *" also drops "Priority: high"). A project adds entries of its own under
# ``ignore:`` in data/tags.yml or data/topics.yml (docs/guide/topics-and-tags.md).


def _entries(text: str) -> frozenset[str]:
    return frozenset(e.strip() for e in text.replace("\n", ",").split(",") if e.strip())


#: What reference managers and lab workflows put among a record's keywords: reading and
#: review status, priority and rating marks, the kind of publication, import bookkeeping.
WORKFLOW_KEYWORDS = _entries("""
    read, unread, to read, toread, reading, have read, not read, read later, must read, skimmed, im text, in text,
    gelesen, ungelesen, zitiert, cited, not cited, processed, unprocessed, verified, unverified, done, not done,
    todo, to do, tbd, pending, in progress, checked, unchecked, to check, to review, reviewed, revised,
    agentrevised, peer reviewed, non peer reviewed, not peer reviewed, refereed, non refereed, published,
    unpublished, accepted, submitted, in press, under review, preprint, important, priority, high priority,
    low priority, urgent, starred, star, favorite, favourite, key paper, highlight, highlighted, featured,
    selected, interesting, conference, journal, short, long, full, workshop, thesis, poster, demo, talk,
    invited, abstract, book, chapter, book chapter, conference paper, journal paper, journal article,
    article, review, letter, editorial, proceedings, misc, other, others, imported, import, duplicate,
    export, pdf, no pdf, printed, annotated, notes, mendeley, zotero, jabref, endnote, own, own work,
    my papers, priority *, prio *, status *, rating *, * stars, p1, p2, p3, p4, p5,
    university of *, * university, universitat *, institute of *, * institute
""")

#: Terms indexers add to a record that say nothing of its subject: MeSH check tags and
#: publication characteristics (PubMed), Emtree and Scopus index terms, Web of Science
#: document types, the broadest disciplines (OpenAlex's first level of concepts), and Web of
#: Science's names for the symbols it cannot write ("M-circle dot" for the Sun's mass), and the
#: AAS/A&A keywords' facets that name no object ("stars: individual", "planets and satellites:
#: general"; "stars: individual: HD 189733" names one).
INDEX_TERMS = _entries("""
    humans, human, female, male, animals, animal, mice, mouse, rats, rat, aged, aged 80 and over, 80 and over,
    middle aged, adult, young adult, adolescent, child, child preschool, infant, infant newborn, pregnancy,
    cattle, dogs, cats, rabbits, swine, sheep, cricetinae, guinea pigs, chick embryo, in vitro techniques,
    mice inbred c57bl, mice knockout, mice transgenic, rats sprague dawley, rats wistar,
    retrospective studies, prospective studies, follow up studies, cohort studies, cross sectional studies,
    case control studies, longitudinal studies, time factors, treatment outcome, risk factors,
    reproducibility of results, sensitivity and specificity, surveys and questionnaires, questionnaires,
    comparative study, case reports, english abstract, research support *, journal article,
    priority journal, controlled study, major clinical study, clinical article, nonhuman, procedures,
    human experiment, normal human, male female, article, review, conference paper, note, erratum,
    art, biology, business, chemistry, computer science, economics, engineering, environmental science,
    geography, geology, history, materials science, mathematics, medicine, philosophy, physics,
    political science, psychology, sociology,
    * circle dot, * circle plus, * circle times,
    * individual, * general
""")

#: The subheadings that qualify a MeSH heading ("Neurons/physiology", "Genomics/*methods").
MESH_QUALIFIERS = _entries("""
    abnormalities, administration and dosage, adverse effects, agonists, analogs and derivatives, analysis,
    anatomy and histology, antagonists and inhibitors, biosynthesis, blood, blood supply, cerebrospinal fluid,
    chemical synthesis, chemically induced, chemistry, classification, complications, congenital, cytology,
    deficiency, diagnosis, diagnostic imaging, diet therapy, drug effects, drug therapy, economics, education,
    embryology, enzymology, epidemiology, ethics, ethnology, etiology, genetics, growth and development,
    history, immunology, injuries, innervation, instrumentation, isolation and purification, legislation and
    jurisprudence, manpower, metabolism, methods, microbiology, mortality, nursing, organization and
    administration, parasitology, pathogenicity, pathology, pharmacokinetics, pharmacology, physiology,
    physiopathology, poisoning, prevention and control, psychology, radiation effects, radiotherapy,
    rehabilitation, secondary, standards, statistics and numerical data, supply and distribution, surgery,
    therapeutic use, therapy, toxicity, transmission, trends, ultrastructure, urine, utilization, veterinary,
    virology
""")

#: The second part of an inverted MeSH heading ("Genome, Insect", "Ventricular Function, Left"),
#: besides adjectives and participles, which the lexicon tells ("Models, Biological", "Cells, Cultured").
MESH_INVERSIONS = _entries("""
    insect, human, animal, plant, bacterial, viral, fungal, newborn, preschool, inbred, knockout, transgenic,
    left, right, western, northern, southern, eastern, tumor, 80 and over, non u s gov t, u s gov t p h s,
    inbred c57bl, inbred balb c, inbred strains, sprague dawley, wistar, pancreatic ductal, squamous cell, local,
    regional, biological, neoplastic, genetic, molecular,
    n i h extramural, n i h intramural, computer assisted, theoretical, statistical, experimental
""")

#: The first part of an inverted MeSH heading whose second part is a noun ("Receptors, Estrogen").
MESH_INVERTED_HEADS = _entries("""
    receptors, receptor, models, genes, antigens, antibodies, proteins, cells, chromosomes, research support,
    polymorphism, sequence analysis, tomography, diagnosis, neoplasms, genome, evolution, education, blotting,
    rna, dna, carcinoma
""")

#: Words that open a phrase about the text, not its subject, besides EVALUATIVE_WORDS: "vast
#: majority", "lesser extent", "deeper understanding", "key actors", "future perspectives" are no tags.
VAGUE_MODIFIERS = frozenset("""
    vast lesser greater greatest deeper key principled future exact earlier later consistent protective
    excellent preliminary notable considerable substantial extensive comprehensive particular certain
    several numerous important overall entire initial present possible valuable useful crucial essential
    interesting promising powerful unique additional further better best good great strong remarkable
    significant first second third detailed two three four five six seven eight nine ten twelve dozen
    hundred hundreds thousand thousands
""".split())

# --- generated by tests/fixtures/topics/build_general_words.py: do not edit by hand -------------
#: Words the papers of every field use (the script says how it finds them): alone,
#: such a word is no tag.
GENERAL_WORDS = frozenset("""
ability absence absorption access according accuracy accurate accurately act action activation
active activity adaptive additionally advance advantage affect affected agree agreement algorithm
allowing alternative amount analyse analytical analyzed angle appear application applying
appropriate approximation arbitrary area areas argument arise array aspect assess assessment
associated assumption attempt attractive attributed author average balance barrier base basis
beginning behavior behaviour benefit best bias binary body bound boundary build building built bulk
call called candidate canonical carbon carlo carried carry cell central chain channel
characteristic characterization characterize characterized characterizing choice classic classical
close closely coefficient cold collection combination combine combined combining comparable
comparing complete completely complex complexity component composition comprehensive computational
concept confirm confirmed connection consequence considerable consideration consistent constant
constrained constraint construct constructed contain containing continuum contrast contribute
contribution control conventional core correlation correspond corresponding cost coupled create
created criteria critical crucial curve cycle database date decade decision decrease definition
density dependence dependency describing despite detected detection detector determinant
determination determine determined determining developing deviation differ difference differential
difficult difficulty diffusion dimension direct direction directly discovered discovery discrepancy
discrete display distance distributed distribution domain drive driven duration dynamic earlier
early edge effectiveness efficiency efficiently effort element emerging energy enhanced enhancement
environment equal equation equilibrium error especially essential establish established estimating
estimation evaluate evaluated evaluation evidence evolution exact exactly examine examined exchange
existence expansion expected explain explicitly explore explored exploring exponential exposure
expression extend extended extending extension extent facility fail family far fast feature final
finding finite fit fixed flow focus focusing follow followed following force formed forward
fraction frame frequency full fully fundamental future gap gaussian generalized generate generated
generating geometric geometry get global goal gradient grid growing hard heavy help heterogeneous
highest highly host hypothesis identification identify identifying identity impact implement
implication importance incorporate increasing increasingly independent index indicate induced
influence initial input insight instead integral integrated intensity interaction interesting
interface intermediate internal interval intrinsic inverse investigation involving jointly kind
knowledge lack landscape largely last later latter law layer leading length lifetime light like
likelihood likely limit limitation limited line linear link linked literature little local
localized location long long-range long-term loss losse lowest made magnitude major manner map
marginal markov massive material matrix matter maximum mean mechanical mechanism methodology
million minimal minimize minimum mode modeled moderate modern modified molecular moment monitoring
monte motion motivated multiple natural naturally nature near necessary need needed negative
network neutral noise nonlinear normal nuclear objective observable observation occur occurring
offer offering old open operate operation opportunity optimal original outcome overall pair partial
partially particularly past path pattern peak percentage perform performed perspective perturbation
phenomena phenomenon physical place play poor poorly popular position positive possibility possibly
potentially power powerful practical practice precise precision predicted prediction presence
pressure prevent previously primary principle probability procedure processing produce produced
product production profile program project provided public quality quantify quantitative quantity
radiation random rank rapid reach reason reconstruction reduce reduced reduction reference reflect
regime region regular relation relationship relative relatively relevant reliable resolution
resource respectively response restricted restriction resulting review rise robust robustness room
rule run scale scheme science scientific search secondary section sector seen selected sense
sensitive separate sequence service sery setting shape share shift short showing side signal
signature simulation simultaneously site situation size smaller source space spatial special speed
spherical stability stable stage starting statistic statistical step stochastic strategy stream
strength strongly structural subject subset substantial substantially substitution success
successfully sufficient suggested sum support survey symmetric systematic systematically take taken
taking target technique temperature temporal tend tested theoretical theory three-dimensional
threshold timing tool topological topology traditional trajectory transfer transform transformation
transition transmission transport trend turn two-dimensional typical typically underlying
understand understood unique unit universal unknown unlike upper useful usually utility utilize
utilizing validation variable variation variety vary varying vector version view volume weak week
weight weighted widely world
""".split())
# --- end of the generated list ----------------------------------------------------------------
