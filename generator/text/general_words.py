"""Words the papers of every field use (built by tests/fixtures/topics/build_general_words.py,
which says how): alone, such a word is no tag."""

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
