//! Vocabulary for generated programmes: Cambodian aid-coordination names
//! (2004–2010 Technical Working Groups) and sentence parts. Illustrative,
//! not a record of real people.

/// Government bodies: (id, name).
pub const GOVERNMENT: &[(&str, &str)] = &[
    ("cdc", "Council for the Development of Cambodia"),
    ("moh", "Ministry of Health"),
    ("moeys", "Ministry of Education, Youth and Sport"),
    ("maff", "Ministry of Agriculture, Forestry and Fisheries"),
    ("mef", "Ministry of Economy and Finance"),
    ("mpwt", "Ministry of Public Works and Transport"),
    ("mrd", "Ministry of Rural Development"),
    ("mowram", "Ministry of Water Resources and Meteorology"),
    (
        "mlmupc",
        "Ministry of Land Management, Urban Planning and Construction",
    ),
    ("moe", "Ministry of Environment"),
    ("mop", "Ministry of Planning"),
    ("moc", "Ministry of Commerce"),
    ("mih", "Ministry of Industry and Handicraft"),
    ("mlvt", "Ministry of Labour and Vocational Training"),
    (
        "mosvy",
        "Ministry of Social Affairs, Veterans and Youth Rehabilitation",
    ),
    ("mowa", "Ministry of Women's Affairs"),
    ("mme", "Ministry of Mines and Energy"),
    ("mptc", "Ministry of Posts and Telecommunications"),
    ("moi", "Ministry of Interior"),
    ("moj", "Ministry of Justice"),
    (
        "ncdd",
        "National Committee for Sub-National Democratic Development",
    ),
    ("car", "Council for Administrative Reform"),
    ("nac", "National AIDS Authority"),
    ("cardh", "Council for Agricultural and Rural Development"),
];

/// Development partners.
pub const DEVELOPMENT_PARTNERS: &[(&str, &str)] = &[
    ("adb", "Asian Development Bank"),
    ("wb", "World Bank"),
    ("undp", "United Nations Development Programme"),
    ("unicef", "UNICEF"),
    ("who", "World Health Organization"),
    ("jica", "Japan International Cooperation Agency"),
    ("usaid", "USAID"),
    ("dfid", "UK Department for International Development"),
    ("sida", "Sida"),
    ("gtz", "GTZ"),
    ("afd", "Agence Française de Développement"),
    ("eu", "European Union"),
    ("ausaid", "AusAID"),
    ("danida", "Danida"),
    ("fao", "FAO"),
    ("ilo", "ILO"),
    ("unfpa", "UNFPA"),
    ("wfp", "World Food Programme"),
    ("koica", "KOICA"),
    ("cida", "CIDA"),
    ("ifad", "IFAD"),
    ("unesco", "UNESCO"),
];

/// Civil society, private sector, academic bodies.
pub const CIVIL_SOCIETY: &[(&str, &str)] = &[
    ("ngo-forum", "NGO Forum on Cambodia"),
    ("ccc", "Cooperation Committee for Cambodia"),
    ("medicam", "MEDiCAM"),
    ("necelo", "NGO Education Partnership"),
    ("star-kampuchea", "Star Kampuchea"),
    ("silaka", "Silaka"),
];
/// Private sector.
pub const PRIVATE_SECTOR: &[(&str, &str)] = &[
    ("gpcc", "Government–Private Sector Forum"),
    ("camfeba", "Cambodian Federation of Employers"),
    ("gmac", "Garment Manufacturers Association"),
];
/// Academic.
pub const ACADEMIC: &[(&str, &str)] = &[
    ("rupp", "Royal University of Phnom Penh"),
    ("cdri", "Cambodia Development Resource Institute"),
    ("rua", "Royal University of Agriculture"),
];
/// Facilitators of the programme itself.
pub const FACILITATORS: &[(&str, &str)] = &[
    ("tpi", "The Partnering Initiative"),
    (
        "cdc-partnership-unit",
        "CDC Partnership and Harmonisation Unit",
    ),
];

/// Partnership topics: (slug, name).
pub const TOPICS: &[(&str, &str)] = &[
    ("health", "Health"),
    ("education", "Education"),
    ("agriculture-water", "Agriculture and Water"),
    ("fisheries", "Fisheries"),
    ("forestry", "Forestry and Environment"),
    ("land", "Land"),
    ("infrastructure", "Infrastructure and Regional Integration"),
    ("rural-water", "Rural Water Supply and Sanitation"),
    ("food-security", "Food Security and Nutrition"),
    ("hiv-aids", "HIV/AIDS"),
    ("gender", "Gender"),
    ("mine-action", "Mine Action"),
    ("decentralisation", "Decentralisation and Deconcentration"),
    ("pfm", "Public Financial Management"),
    ("par", "Public Administration Reform"),
    ("legal-judicial", "Legal and Judicial Reform"),
    ("private-sector", "Private Sector Development"),
    ("planning-poverty", "Planning and Poverty Reduction"),
    ("partnership-harmonisation", "Partnership and Harmonisation"),
];

/// Given names and family names, for generated people.
pub const GIVEN: &[&str] = &[
    "dara", "sophea", "vanna", "chenda", "rithy", "sokha", "bopha", "kosal", "srey", "vuthy",
    "channa", "piseth", "maly", "sovann", "thida", "anna", "james", "marie", "kenji", "ingrid",
    "paul", "lena", "omar", "grace",
];
/// Family names.
pub const FAMILY: &[&str] = &[
    "sok", "chan", "keo", "heng", "lim", "chea", "meas", "prak", "ouk", "nhem", "tan", "smith",
    "tanaka", "larsen", "dupont", "okafor", "nguyen", "fischer",
];

/// Operators who type events in.
pub const OPERATORS: &[&str] = &[
    "cdc-secretariat",
    "twg-secretariat-health",
    "twg-secretariat-education",
    "twg-secretariat-agriculture",
    "facilitation-team",
    "gdcc-secretariat",
    "import-2010",
    "dara.sok",
    "anna.larsen",
    "kosal.chea",
];

/// Where an entry came from.
pub const SOURCES: &[&str] = &[
    "TWG meeting minutes",
    "GDCC progress report",
    "Interview notes",
    "Health-check questionnaire",
    "Strategic Meeting minutes, day 2",
    "Partnership retreat report",
    "Joint Monitoring Indicator tracking sheet",
    "Email from the TWG secretariat",
    "Stage review workshop flipchart",
];

/// Subjects of sentences.
pub const SUBJECTS: &[&str] = &[
    "The TWG",
    "Government members",
    "Development partners",
    "The secretariat",
    "The chair",
    "The lead facilitator",
    "Civil society members",
    "The sub-group on monitoring",
    "Provincial representatives",
];
/// Verbs.
pub const VERBS: &[&str] = &[
    "agreed to strengthen",
    "reviewed",
    "raised concerns about",
    "proposed to simplify",
    "committed to publish",
    "asked for clarity on",
    "welcomed progress on",
    "will report on",
    "discussed the sequencing of",
];
/// Objects.
pub const OBJECTS: &[&str] = &[
    "the annual action plan",
    "the joint monitoring indicators",
    "attendance and follow-through between meetings",
    "the division of roles between chair and facilitators",
    "alignment with the national strategic development plan",
    "information sharing before meetings",
    "the terms of reference",
    "programme-based approaches",
    "use of country systems",
    "the budget for the coming year",
    "capacity development in provincial departments",
    "the shared goal agreed at the strategic meeting",
];
/// Closing clauses.
pub const CLAUSES: &[&str] = &[
    "before the next GDCC meeting",
    "with support from the secretariat",
    "as agreed in the last review",
    "in line with the Paris Declaration principles",
    "so that every partner can contribute",
    "within existing resources",
    "and report back in six months",
];
