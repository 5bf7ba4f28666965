"""Real words for the scale corpus, roughly in the order of how often they
are said on an earnings call (the first are the commonest).

``scale_corpus`` draws speech from them with Zipf-like weights (rank r has
weight 1/r^1.07, as word counts of English speech fall off) and adds the
usual inflections, so a query meets what it meets on real calls: a few
very common words with long postings, a long tail of rare ones, and many
near neighbours for a typo to be confused with.
"""

from __future__ import annotations

FUNCTION_WORDS = """
the and to of we in that a is our you it for this on as with are be have
i so at think but not from was by will what there they an or about do
can all more we're it's if just that's also which would one really so
year quarter been very some see these into up out over has continue
those were had well us going they're know now because when how get
like any where our other then than here them its their both last next
""".split()

BUSINESS_WORDS = """
business growth customers market revenue new time first expect terms
look good guidance demand strong quarter's operator question thank thanks
question's right team product products across still probably maybe
little bit lot much even back kind sort way things thing around through
second half opportunity opportunities platform continue continued
continuing performance results pricing margin margins cost costs
investment investments pipeline momentum execution execute executing
strategy strategic position positioned environment macro macroeconomic
headwinds headwind tailwinds tailwind visibility confidence confident
progress improvement improvements improving improve improved outlook
expectations expected expecting range trends trend trending seasonal
seasonality sequential sequentially comparable organic inorganic
acquisition acquisitions integration synergies portfolio divestiture
capital allocation repurchase repurchases buyback dividend dividends
balance sheet leverage liquidity debt refinancing interest rates rate
inflation currency foreign exchange translation tariffs supply chain
inventory inventories channel partners partner distribution retail
wholesale consumer enterprise commercial industrial government public
sector healthcare hospital pharmaceutical clinical trial trials patients
regulatory approval approvals launch launches launched adoption
penetration share shares competitive competition competitors pressure
pressures disciplined discipline efficiency efficiencies productivity
automation digital software subscription subscriptions recurring cloud
hardware services solutions security data analytics artificial
intelligence infrastructure network networks wireless broadband fiber
spectrum subscribers churn retention engagement users active monthly
daily traffic advertising advertisers impressions conversion checkout
payments transactions volume volumes throughput capacity utilization
factory plant plants facility facilities manufacturing production
output yield yields wafer memory semiconductor chips devices components
automotive vehicles electric battery batteries energy power utilities
renewable solar wind natural gas oil crude pipeline pipelines drilling
exploration upstream downstream refining chemicals materials steel
aluminum copper mining freight logistics shipping trucking airline
airlines travel hotels bookings occupancy restaurants traffic comps
stores store footprint ecommerce online omnichannel fulfillment
warehouse delivery labor wages wage hiring headcount employees talent
restructuring severance impairment charge charges noncash writedown
accounting adjusted reported basis points percentage percent dollars
million billion thousand units unit mix favorable unfavorable offset
partially primarily driven largely mostly modest modestly significant
significantly substantial meaningful meaningfully incremental
gradually gradual steady stable stability solid healthy robust resilient
softness softer weaker weakness slower slowdown recovery recovering
rebound normalization normalize normalized elevated temporary transitory
durable structural cyclical secular underlying core noncore legacy
backlog orders order book bookings awards contract contracts renewal
renewals multiyear annual annualized run rate cadence timing phasing
quarterly fiscal calendar year-over-year versus compared prior previous
beginning ending end start early later late mid midpoint low high
range upper lower top bottom line gross operating net pretax tax rate
effective earnings per share diluted cash flow free generation conversion
working receivables payables collections deferred unearned expenses
spending spend opex capex depreciation amortization ebitda income profit
profitability profitable losses loss breakeven return returns invested
shareholder shareholders stakeholders board management leadership
organization culture people customers' clients client relationships
relationship partnerships partnership ecosystem developers developer
innovation roadmap release releases version features feature functionality
quality reliability availability uptime service level agreements
regions region domestic international global americas europe asia
pacific china japan india latin america middle east africa emerging
developed markets geography geographies country countries local
""".split()

SPOKEN_WORDS = """
yes yeah okay sure absolutely exactly obviously certainly clearly frankly
honestly basically actually generally typically particularly specifically
especially overall together already always never often usually sometimes
again ahead forward further additional another each every few many most
several various whole entire same different similar important key critical
great nice happy pleased proud excited encouraged disappointed surprised
believe feel said says say talk talked talking mentioned mention discuss
discussed discussing share sharing give gave giving take took taking make
made making see saw seeing seen come came coming go went gone want wanted
need needed needs help helped helping work worked working build built
building grow grew growing grown deliver delivered delivering drive drove
driving bring brought bringing keep kept keeping put set sets setting
remain remained remains remaining stay stayed expect expected hope hoped
plan planned planning intend intended expand expanded expanding reduce
reduced reducing increase increased increasing decrease decreased
declining decline declined accelerate accelerated accelerating moderate
moderated moderating outperform outperformed exceed exceeded exceeding
achieve achieved achieving reach reached reaching maintain maintained
maintaining manage managed managing focus focused focusing invest
invested investing return returned returning raise raised raising lower
lowered lowering reaffirm reaffirmed reaffirming update updated updating
clarify clarification comment comments commentary color detail details
example instance point points part parts piece pieces number numbers
figure figures level levels area areas space category categories segment
segments division divisions unit units group groups line lines side sides
question questions answer answers call calls conference today tonight
morning afternoon evening week weeks month months years decade period
periods moment point future past present history historical record
""".split()

VOCABULARY: tuple[str, ...] = tuple(dict.fromkeys(FUNCTION_WORDS + BUSINESS_WORDS + SPOKEN_WORDS))
"""Every word once, commonest first."""
