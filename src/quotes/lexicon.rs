//! Word lists for attribution: speech verbs, titles, roles, pronouns, outlets.

use std::sync::LazyLock;

// One bit per word list: a word's entry holds the bits of every list it is in.
pub(crate) const SPEECH_VERB: u32 = 1 << 0;
pub(crate) const TITLE: u32 = 1 << 1;
pub(crate) const DEMONYM: u32 = 1 << 2;
pub(crate) const OUTLET: u32 = 1 << 3;
pub(crate) const COMMON_CAPITALISED: u32 = 1 << 4;
pub(crate) const ORGANISATION_WORD: u32 = 1 << 5;
pub(crate) const DOCUMENT_NOUN: u32 = 1 << 6;
pub(crate) const PLACE_OR_THING_WORD: u32 = 1 << 7;
pub(crate) const NAME_CONNECTOR: u32 = 1 << 8;
pub(crate) const VERB_MODIFIER: u32 = 1 << 9;
pub(crate) const PHRASE_BREAK: u32 = 1 << 10;
pub(crate) const OUTLET_NOUN: u32 = 1 << 11;
pub(crate) const ROLE_NOUN: u32 = 1 << 12;
pub(crate) const PLACE_NAME: u32 = 1 << 13;
pub(crate) const POST_NOMINAL: u32 = 1 << 14;
pub(crate) const ORGANISATION_NOUN: u32 = 1 << 15;

/// Every listed word with its lists' bits, in an open-addressing table built once. A word's
/// slot comes from its length and four of its bytes, so a lookup is one comparison at most,
/// mostly none (three quarters of the slots are empty): a `match` over hundreds of strings
/// compared the word with each of the same length.
struct Lexicon {
    /// One bit per eighth of a slot (the slot's bits and three more of the hash): whether
    /// any word's probing starts there. Small enough to stay in the cache, it turns nearly
    /// every unlisted word away before the table is read.
    homes: [u64; HOMES / 64],
    /// Index + 1 into `entries`, 0 for an empty slot; `SLOTS` long.
    slots: Vec<u16>,
    entries: Vec<(&'static str, u32)>,
    /// No listed word is longer: longer words need no lookup.
    longest: usize,
    /// The lengths (bit n: n bytes) of the speech verbs with each first and last letter
    /// ("said": `[s][d]` has bit 4): turns away nine words in ten before the table is read.
    speech_shapes: [[u16; 26]; 26],
    /// The same for the role nouns (bit n: n bytes, up to 31).
    role_shapes: [[u32; 26]; 26],
    /// Listed words of up to four bytes (the commonest words of all: "the", "of", "said"),
    /// by `short_key`, with their bits: one read and one comparison, no probing. A word whose
    /// place another took is found by the table as any other word is.
    short: Vec<(u64, u32)>,
}

/// Places in `Lexicon::short`: a power of two, several times the number of short words.
const SHORT_SLOTS: usize = 1 << 9;

/// A word of one to four bytes as a number, its length included (never 0). Bytes 0, 1, n-2
/// and n-1 (clamped) are every byte of such a word: no loop over its length.
#[inline]
fn short_key(word: &[u8]) -> u64 {
    let n = word.len();
    u64::from(word[0])
        | u64::from(word[1.min(n - 1)]) << 8
        | u64::from(word[n.saturating_sub(2)]) << 16
        | u64::from(word[n - 1]) << 24
        | (n as u64) << 32
}

/// The place of a `short_key` in `Lexicon::short`.
#[inline]
fn short_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SHORT_SLOTS.trailing_zeros())) as usize
}

/// A power of two, over four times the number of listed words.
const SLOTS: usize = 1 << 13;
/// Bits of `Lexicon::homes`: eight per slot, so one unlisted word in thirty passes it.
const HOMES: usize = SLOTS * 8;

/// Where probing for `word` (not empty) starts, times eight, plus three more bits of its hash
/// for `Lexicon::homes`.
#[inline]
fn home_bits(word: &[u8]) -> usize {
    let n = word.len();
    let key = n as u64
        | u64::from(word[0]) << 8
        | u64::from(word[n.min(2) - 1]) << 16
        | u64::from(word[n / 2]) << 24
        | u64::from(word[n - 1]) << 32;
    // Fibonacci hashing: the top bits of the product mix every byte of the key.
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - HOMES.trailing_zeros())) as usize
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let lists: [(&[&'static str], u32); 16] = [
        (SPEECH_VERBS, SPEECH_VERB),
        (TITLES, TITLE),
        (DEMONYMS, DEMONYM),
        (OUTLETS, OUTLET),
        (COMMON_CAPITALISED_WORDS, COMMON_CAPITALISED),
        (ORGANISATION_WORDS, ORGANISATION_WORD),
        (DOCUMENT_NOUNS, DOCUMENT_NOUN),
        (PLACE_OR_THING_WORDS, PLACE_OR_THING_WORD),
        (NAME_CONNECTORS, NAME_CONNECTOR),
        (VERB_MODIFIERS, VERB_MODIFIER),
        (PHRASE_BREAKS, PHRASE_BREAK),
        (OUTLET_NOUNS, OUTLET_NOUN),
        (ROLE_NOUNS, ROLE_NOUN),
        (PLACE_NAMES, PLACE_NAME),
        (POST_NOMINALS, POST_NOMINAL),
        (ORGANISATION_NOUNS, ORGANISATION_NOUN),
    ];
    let mut lexicon = Lexicon {
        homes: [0; HOMES / 64],
        slots: vec![0; SLOTS],
        entries: Vec::new(),
        longest: 0,
        speech_shapes: [[0; 26]; 26],
        role_shapes: [[0; 26]; 26],
        short: vec![(0, 0); SHORT_SLOTS],
    };
    for role in ROLE_NOUNS {
        let (first, last) = letter_pair(role).expect("role nouns are lowercase ASCII");
        assert!(role.len() < 32, "role nouns are short");
        lexicon.role_shapes[first][last] |= 1 << role.len();
    }
    for verb in SPEECH_VERBS {
        let (first, last) = letter_pair(verb).expect("speech verbs are lowercase ASCII");
        assert!(verb.len() < 16, "speech verbs are short");
        lexicon.speech_shapes[first][last] |= 1 << verb.len();
    }
    for (list, bit) in lists {
        for &word in list {
            let home = home_bits(word.as_bytes());
            lexicon.homes[home / 64] |= 1 << (home % 64);
            let mut i = home / 8;
            loop {
                match usize::from(lexicon.slots[i]) {
                    0 => {
                        lexicon.entries.push((word, bit));
                        lexicon.slots[i] = u16::try_from(lexicon.entries.len())
                            .expect("the word lists fit in a u16 index");
                        break;
                    }
                    e if lexicon.entries[e - 1].0 == word => {
                        lexicon.entries[e - 1].1 |= bit;
                        break;
                    }
                    _ => i = (i + 1) % SLOTS,
                }
            }
            lexicon.longest = lexicon.longest.max(word.len());
        }
    }
    assert!(
        lexicon.entries.len() * 4 <= SLOTS,
        "the lexicon outgrew its table"
    );
    for &(word, bits) in &lexicon.entries {
        if word.len() <= 4 {
            let key = short_key(word.as_bytes());
            let place = &mut lexicon.short[short_slot(key)];
            if place.0 == 0 {
                *place = (key, bits);
            }
        }
    }
    lexicon
});

/// The first and last letters of a word, if they are lowercase ASCII, from 0 for 'a'.
fn letter_pair(word: &str) -> Option<(usize, usize)> {
    let b = word.as_bytes();
    let index = |c: u8| c.is_ascii_lowercase().then(|| usize::from(c - b'a'));
    Some((index(*b.first()?)?, index(*b.last()?)?))
}

/// `letter_pair` of an ASCII word once lowercased.
fn folded_letter_pair(word: &[u8]) -> Option<(usize, usize)> {
    let index = |c: u8| {
        let c = c.to_ascii_lowercase();
        c.is_ascii_lowercase().then(|| usize::from(c - b'a'))
    };
    Some((index(*word.first()?)?, index(*word.last()?)?))
}

/// The bits of every list `word` is in (0 for none). Inlined up to the cheap test that
/// turns most words away.
#[inline]
pub(crate) fn classes(word: &str) -> u32 {
    classes_inlined(word)
}

/// `classes`, always inlined: for `attribution::word_class`, asked of every word.
#[inline(always)]
pub(crate) fn classes_inlined(word: &str) -> u32 {
    let lexicon = &*LEXICON;
    let w = word.as_bytes();
    if w.is_empty() || w.len() > lexicon.longest {
        return 0;
    }
    if w.len() <= 4 {
        let key = short_key(w);
        let (listed, bits) = lexicon.short[short_slot(key)];
        if listed == key {
            return bits;
        }
    }
    let home = home_bits(w);
    if lexicon.homes[home / 64] & 1 << (home % 64) == 0 {
        return 0;
    }
    probe(lexicon, w, home / 8)
}

/// `classes` past the first test: walks the table from `word`'s first slot.
#[inline(never)]
fn probe(lexicon: &Lexicon, w: &[u8], home: usize) -> u32 {
    let mut i = home;
    loop {
        match usize::from(lexicon.slots[i]) {
            0 => return 0,
            e => {
                let (listed, bits) = lexicon.entries[e - 1];
                // Byte by byte: the words are short, and a call to `memcmp` cost more.
                let listed = listed.as_bytes();
                if listed.len() == w.len() && listed.iter().zip(w).all(|(a, b)| a == b) {
                    return bits;
                }
            }
        }
        i = (i + 1) % SLOTS;
    }
}

/// Whether `word` is in the list(s) `bits`.
#[inline]
fn has(word: &str, bits: u32) -> bool {
    classes(word) & bits != 0
}

/// Verbs that introduce what someone said or wrote (all forms we look for).
pub fn is_speech_verb(word: &str) -> bool {
    let Some((first, last)) = letter_pair(word) else {
        return false;
    };
    // Asked of nearly every word: first the letters and length, from a small table.
    let shapes = LEXICON.speech_shapes[first][last];
    word.len() < 16 && shapes & 1 << word.len() != 0 && has(word, SPEECH_VERB)
}

/// Whether an ASCII word, once lowercased, has the first and last letters and length of a
/// speech verb: turns most capitalised words away before they are folded.
pub fn may_fold_to_speech_verb(word: &[u8]) -> bool {
    folded_letter_pair(word).is_some_and(|(first, last)| {
        word.len() < 16 && LEXICON.speech_shapes[first][last] & 1 << word.len() != 0
    })
}

/// Whether an ASCII word, once lowercased, has the first and last letters and length of a
/// role noun: turns most capitalised words away before they are folded.
pub fn may_fold_to_role_noun(word: &[u8]) -> bool {
    folded_letter_pair(word).is_some_and(|(first, last)| {
        word.len() < 32 && LEXICON.role_shapes[first][last] & 1 << word.len() != 0
    })
}

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "telling",
    "added",
    "adds",
    "adding",
    "asked",
    "asks",
    "asking",
    "explained",
    "explains",
    "explaining",
    "warned",
    "warns",
    "warning",
    "claimed",
    "claims",
    "claiming",
    "insisted",
    "insists",
    "insisting",
    "stated",
    "states",
    "wrote",
    "writes",
    "written",
    "writing",
    "tweeted",
    "tweets",
    "posted",
    "commented",
    "comments",
    "commenting",
    "noted",
    "notes",
    "noting",
    "continued",
    "continues",
    "continuing",
    "argued",
    "argues",
    "arguing",
    "accused",
    "accuses",
    "accusing",
    "described",
    "describes",
    "describing",
    "called",
    "calls",
    "calling",
    "urged",
    "urges",
    "urging",
    "announced",
    "announces",
    "admitted",
    "admits",
    "admitting",
    "acknowledged",
    "acknowledges",
    "replied",
    "replies",
    "replying",
    "responded",
    "responds",
    "responding",
    "suggested",
    "suggests",
    "suggesting",
    "declared",
    "declares",
    "declaring",
    "remarked",
    "remarks",
    "predicted",
    "predicts",
    "confirmed",
    "confirms",
    "confirming",
    "denied",
    "denies",
    "denying",
    "alleged",
    "alleges",
    "conceded",
    "concedes",
    "vowed",
    "vows",
    "vowing",
    "promised",
    "promises",
    "promising",
    "pledged",
    "pledges",
    "boasted",
    "boasts",
    "complained",
    "complains",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "condemned",
    "condemns",
    "praised",
    "praises",
    "welcomed",
    "welcomes",
    "reiterated",
    "reiterates",
    "reiterating",
    "stressed",
    "stresses",
    "stressing",
    "emphasised",
    "emphasized",
    "maintained",
    "maintains",
    "recalled",
    "recalls",
    "recalling",
    "joked",
    "jokes",
    "quipped",
    "shouted",
    "shouts",
    "chanted",
    "cried",
    "exclaimed",
    "yelled",
    "dubbed",
    "branded",
    "labelled",
    "labeled",
    "termed",
    "demanded",
    "demands",
    "agreed",
    "agrees",
    "thinks",
    "believes",
    "feels",
    "hopes",
    "reads",
    "read",
    "announcing",
    "mentioned",
    "mentions",
    "indicated",
    "indicates",
    "revealed",
    "reveals",
    "disclosed",
    "observed",
    "reported",
    "reports",
    "testified",
    "informed",
    "advised",
    "assured",
    "reassured",
    "countered",
    "retorted",
    "protested",
    "objected",
    "questioned",
    "wondered",
    "challenged",
    "lamented",
    "conceding",
    "expressed",
    "spoke",
    "speaking",
    "thought",
    "hoped",
    "pointed",
    "points",
    "recommends",
    "recommended",
    "recommending",
    "disagreed",
    "disagrees",
    "concluded",
    "concludes",
    "found",
    "finds",
    "blamed",
    "blames",
    "acknowledging",
];

/// Words that precede a name as a title or role and are dropped from canonical names.
pub fn is_title(word: &str) -> bool {
    // Every title starts with an ASCII capital: most words are ruled out by that alone.
    if !word.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    has(word.trim_end_matches('.'), TITLE)
}

const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Prof",
    "Professor",
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Secretary",
    "Chancellor",
    "Governor",
    "Gov",
    "Senator",
    "Sen",
    "Rep",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Judge",
    "Justice",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Mayor",
    "Councillor",
    "Rev",
    "Reverend",
    "Father",
    "Rabbi",
    "Imam",
    "Sheikh",
    "Captain",
    "Capt",
    "Colonel",
    "Col",
    "General",
    "Gen",
    "Lieutenant",
    "Lt",
    "Sergeant",
    "Sgt",
    "Major",
    "Admiral",
    "Commander",
    "Officer",
    "Detective",
    "Inspector",
    "Superintendent",
    "Constable",
    "Commissioner",
    "Chief",
    "Deputy",
    "Foreign",
    "Home",
    "Shadow",
    "Defence",
    "Defense",
    "Interior",
    "Finance",
    "Health",
    "Education",
    "Trade",
    "State",
    "Culture",
    "Speaker",
    "Leader",
    "Ambassador",
    "Director",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Head",
    "Coach",
    "Manager",
    "Executive",
    "First",
    "Senior",
    "Opposition",
    "Attorney",
    "Emir",
    "Crown",
    "Archbishop",
    "Bishop",
    "Cardinal",
    "Dean",
    "Chief-Executive",
    "CEO",
    "MP",
    "MEP",
    "PM",
    "Secretary-General",
    "Premier",
    "Sultan",
    "Ayatollah",
    "Economy",
    "Energy",
    "Justice-Minister",
    "Transport",
    "Environment",
    "Labour",
    "Treasury",
    "Economic",
    "Affairs",
    "Sheriff",
    "Marshal",
    "Trooper",
    "Agent",
    "Coroner",
    "Magistrate",
    "Principal",
    "Councilman",
    "Councilwoman",
    "Alderman",
    "Assemblyman",
    "Assemblywoman",
    "Delegate",
    "Administrator",
    "Solicitor",
    "Auditor",
    "Barrister",
    "Advocate",
    "Former",
    "Acting",
    "Interim",
    "Lawyer",
    "Editor",
];

/// Adjectives of nationality or place that go before a role ("Russian President").
pub fn is_demonym(word: &str) -> bool {
    has(word, DEMONYM)
}

const DEMONYMS: &[&str] = &[
    "US",
    "U.S.",
    "UK",
    "EU",
    "UN",
    "British",
    "American",
    "French",
    "German",
    "Russian",
    "Ukrainian",
    "Chinese",
    "Japanese",
    "Hungarian",
    "Polish",
    "Irish",
    "Scottish",
    "Welsh",
    "English",
    "Israeli",
    "Iranian",
    "Turkish",
    "Greek",
    "Indian",
    "Australian",
    "Canadian",
    "Spanish",
    "Italian",
    "Dutch",
    "Swedish",
    "Norwegian",
    "Danish",
    "Finnish",
    "Austrian",
    "Swiss",
    "Belgian",
    "Portuguese",
    "Brazilian",
    "Mexican",
    "Argentine",
    "Argentinian",
    "Chilean",
    "Egyptian",
    "Libyan",
    "Syrian",
    "Iraqi",
    "Afghan",
    "Pakistani",
    "Saudi",
    "Korean",
    "North",
    "South",
    "Filipino",
    "Philippine",
    "Indonesian",
    "Thai",
    "Vietnamese",
    "Nigerian",
    "Kenyan",
    "Tunisian",
    "Venezuelan",
    "Cuban",
    "Belarusian",
    "Georgian",
    "Serbian",
    "Croatian",
    "Czech",
    "Slovak",
    "Romanian",
    "Bulgarian",
    "Palestinian",
    "Lebanese",
    "Jordanian",
    "Qatari",
    "Emirati",
    "Ethiopian",
    "Sudanese",
    "European",
    "Western",
    "Democratic",
    "Republican",
    "Conservative",
    "Liberal",
    "Tory",
    "Labour",
    "Federal",
    "Australian-born",
    "Scotsman",
];

pub fn is_pronoun(word: &str) -> Option<Gender> {
    match word {
        "he" | "He" => Some(Gender::Male),
        "she" | "She" => Some(Gender::Female),
        "they" | "They" => Some(Gender::Plural),
        "I" => Some(Gender::Unknown),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Plural,
    Unknown,
}

impl Gender {
    pub fn compatible(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// Gender evidence from a title or role word.
pub fn title_gender(word: &str) -> Gender {
    match word.trim_end_matches('.') {
        "Mr" | "Sir" | "Lord" | "King" | "Prince" | "Father" | "Congressman" | "spokesman"
        | "chairman" | "Chairman" | "actor" | "businessman" | "sportsman" | "Emir" | "Sultan"
        | "Sheikh" => Gender::Male,
        "Mrs" | "Ms" | "Miss" | "Dame" | "Lady" | "Queen" | "Princess" | "Congresswoman"
        | "spokeswoman" | "chairwoman" | "Chairwoman" | "actress" | "businesswoman" => {
            Gender::Female
        }
        _ => Gender::Unknown,
    }
}

/// Outlets that report words rather than say them ("…, reported CNN").
pub fn is_outlet(name: &str) -> bool {
    has(
        name.strip_prefix("the ")
            .or_else(|| name.strip_prefix("The "))
            .unwrap_or(name),
        OUTLET,
    )
}

const OUTLETS: &[&str] = &[
    "CNN",
    "BBC",
    "BBC News",
    "BBC Sport",
    "Reuters",
    "AFP",
    "AP",
    "Associated Press",
    "the Associated Press",
    "Agence France-Presse",
    "Bloomberg News",
    "Fox News",
    "NBC",
    "NBC News",
    "CBS",
    "CBS News",
    "ABC",
    "ABC News",
    "MSNBC",
    "NPR",
    "New York Times",
    "Washington Post",
    "Wall Street Journal",
    "Guardian",
    "Times",
    "Telegraph",
    "Independent",
    "Financial Times",
    "Sky News",
    "Al Jazeera",
    "TASS",
    "Interfax",
    "RIA Novosti",
    "Xinhua",
    "Kyodo",
    "Yonhap",
    "ANI",
    "PTI",
    "IANS",
    "Politico",
    "Axios",
    "Daily Mail",
    "Mirror",
    "Sun",
    "Wikinews",
    "Press Association",
    "PA",
    "Dow Jones",
    "Jiji",
    "NHK",
    "RT",
    "Euronews",
    "Deutsche Welle",
    "DW",
    "France 24",
    "Le Monde",
    "Der Spiegel",
    "CNBC",
];

/// Capitalised words that start sentences or name things but are never people.
pub fn is_common_capitalised(word: &str) -> bool {
    has(word, COMMON_CAPITALISED)
}

const COMMON_CAPITALISED_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "If",
    "In",
    "On",
    "At",
    "For",
    "With",
    "From",
    "By",
    "To",
    "Of",
    "As",
    "After",
    "Before",
    "When",
    "While",
    "Although",
    "Though",
    "Because",
    "Since",
    "Meanwhile",
    "However",
    "Also",
    "It",
    "Its",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "We",
    "You",
    "They",
    "He",
    "She",
    "I",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "Speaking",
    "According",
    "Asked",
    "Following",
    "During",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "Now",
    "Then",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Mr.",
    "Some",
    "Many",
    "Most",
    "All",
    "One",
    "Two",
    "Three",
    "Several",
    "Other",
    "Others",
    "Both",
    "Each",
    "Every",
    "No",
    "Not",
    "Only",
    "Even",
    "Still",
    "Such",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Which",
    "Despite",
    "Under",
    "Over",
    "About",
    "Among",
    "Against",
    "Between",
    "Through",
    "Without",
    "Within",
    "Into",
    "Once",
    "Until",
    "Instead",
    "Indeed",
    "Overall",
    "Thus",
    "Finally",
    "Please",
    "Yes",
    "Well",
    "Oh",
    "Let",
];

/// Words in a capitalised name that make it an organisation, not a person.
pub fn is_organisation_word(word: &str) -> bool {
    has(word, ORGANISATION_WORD)
}

const ORGANISATION_WORDS: &[&str] = &[
    "Court",
    "Services",
    "Committee",
    "Department",
    "Ministry",
    "Party",
    "Executive",
    "Council",
    "Association",
    "Union",
    "Commission",
    "Office",
    "Agency",
    "Police",
    "Service",
    "Government",
    "Tories",
    "Bank",
    "Group",
    "Organisation",
    "Organization",
    "Institute",
    "University",
    "College",
    "School",
    "Company",
    "Corporation",
    "Inc",
    "Ltd",
    "Board",
    "Authority",
    "Federation",
    "League",
    "Club",
    "Team",
    "Army",
    "Navy",
    "Force",
    "Forces",
    "House",
    "Senate",
    "Congress",
    "Parliament",
    "Assembly",
    "Cabinet",
    "Kremlin",
    "Pentagon",
    "Administration",
    "Foundation",
    "Society",
    "Centre",
    "Center",
    "Network",
    "Times",
    "Post",
    "News",
    "Press",
    "Watch",
    "Amnesty",
    "International",
    "Nations",
    "Coalition",
    "Alliance",
    "Democrats",
    "Republicans",
    "Labour",
    "Conservatives",
    "Unit",
    "Bureau",
    "Trust",
    "Fund",
    "Airlines",
    "Airways",
    "Motors",
    "Group's",
    "Tribunal",
    "Prosecutors",
    "Officials",
    "Secretariat",
    "Embassy",
    "Consulate",
    "NATO",
    "Guard",
    "Brigade",
    "Regiment",
    "Church",
    "Mosque",
    "Hospital",
    "Museum",
    "Executive's",
    "Statement",
    "Report",
    "Channel",
    "Radio",
    "Television",
];

/// Nouns that head a description of a document or body that can be quoted ("the report said").
pub fn is_document_noun(word: &str) -> bool {
    has(word, DOCUMENT_NOUN)
}

const DOCUMENT_NOUNS: &[&str] = &[
    "report",
    "statement",
    "description",
    "summary",
    "decision",
    "ruling",
    "letter",
    "document",
    "study",
    "survey",
    "website",
    "post",
    "tweet",
    "memo",
    "bill",
    "order",
    "judgment",
    "judgement",
    "verdict",
    "message",
    "notice",
    "note",
    "announcement",
    "release",
    "filing",
    "complaint",
    "indictment",
    "lawsuit",
    "petition",
    "resolution",
    "treaty",
    "agreement",
    "law",
    "policy",
    "sign",
    "banner",
    "placard",
    "headline",
    "article",
    "editorial",
    "book",
    "paper",
    "court",
    "committee",
    "government",
    "ministry",
    "department",
    "company",
    "council",
    "agency",
    "police",
    "team",
    "club",
    "party",
    "campaign",
    "group",
    "organisation",
    "organization",
    "board",
    "panel",
    "jury",
    "union",
    "charity",
    "firm",
    "bank",
    "regulator",
    "watchdog",
    "executive",
    "commission",
    "office",
    "service",
    "authority",
    "authorities",
    "administration",
    "military",
    "army",
    "prosecution",
    "prosecutors",
    "officials",
    "families",
    "residents",
    "protesters",
    "demonstrators",
    "supporters",
    "critics",
    "experts",
    "analysts",
    "researchers",
    "scientists",
    "doctors",
    "witnesses",
    "organisers",
    "organizers",
    "sources",
    "members",
    "students",
    "workers",
    "voters",
    "fans",
];

/// Words that make a capitalised run a place, event or thing rather than a person.
pub fn is_place_or_thing_word(word: &str) -> bool {
    has(word, PLACE_OR_THING_WORD)
}

const PLACE_OR_THING_WORDS: &[&str] = &[
    "Street",
    "Road",
    "Avenue",
    "Square",
    "Bridge",
    "Island",
    "Islands",
    "River",
    "Lake",
    "Mount",
    "City",
    "County",
    "State",
    "States",
    "Province",
    "Region",
    "Valley",
    "Park",
    "Airport",
    "Station",
    "Stadium",
    "Hall",
    "Cup",
    "Championships",
    "Championship",
    "Games",
    "Olympics",
    "Award",
    "Awards",
    "Prize",
    "Festival",
    "Day",
    "Week",
    "War",
    "Act",
    "Kingdom",
    "Union",
    "Republic",
    "York",
    "Kong",
    "Zealand",
    "Africa",
    "Arabia",
    "Korea",
    "Angeles",
    "Francisco",
    "Delhi",
    "East",
    "West",
    "Coast",
    "Sea",
    "Ocean",
    "Bay",
    "Gulf",
    "Strait",
    "Canal",
    "Desert",
    "Mountains",
    "Hills",
    "Village",
    "Centre",
    "Center",
    "Tower",
    "Palace",
    "Castle",
    "Cathedral",
    "Church",
    "Temple",
    "Prison",
    "Hospital",
    "Museum",
    "Theatre",
    "Theater",
    "Gallery",
    "Library",
    "Market",
    "Exchange",
    "Index",
    "Street's",
    "Lanka",
    "America",
    "Europe",
    "Asia",
    "Wales",
    "Ireland",
    "Scotland",
    "England",
    "Britain",
    "Crimea",
    "Ukraine",
    "Russia",
    "China",
    "Moscow",
    "Washington",
    "London",
    "Paris",
    "Berlin",
    "Kyiv",
    "Kiev",
    "Beijing",
    "Tokyo",
    "Brexit",
    "NATO",
    "Covid",
    "COVID-19",
    "Coronavirus",
    "Internet",
    "Twitter",
    "Facebook",
    "Google",
    "Apple",
    "Microsoft",
    "Amazon",
    "Netflix",
    "YouTube",
    "Instagram",
    "Series",
    "League",
    "Open",
    "Final",
    "Finals",
    "Grand",
    "Prix",
    "Marathon",
    "Olympic",
    "Paralympics",
    "Tour",
    "Album",
    "Show",
    "Film",
    "Book",
    "Bill",
    "Treaty",
    "Agreement",
    "Accord",
    "Plan",
    "Programme",
    "Program",
    "Project",
    "Summit",
    "Conference",
    "Forum",
    "Council",
    "Commons",
    "Lords",
    "Parliament",
    "Government",
    "Ministry",
    "Department",
    "Office",
    "Embassy",
    "Airlines",
];

/// Lowercase words that may sit inside a capitalised name ("Court of Appeal", "van Gogh").
pub fn is_name_connector(word: &str) -> bool {
    has(word, NAME_CONNECTOR)
}

const NAME_CONNECTORS: &[&str] = &[
    "of", "and", "de", "van", "von", "der", "den", "bin", "al", "la", "le", "du", "da", "dos",
    "del", "di", "the", "for", "ter", "ibn", "y", "&",
];

/// Words skipped between a subject and its verb ("Putin on Tuesday said", "he also said").
pub fn is_verb_modifier(word: &str) -> bool {
    has(word, VERB_MODIFIER)
}

const VERB_MODIFIERS: &[&str] = &[
    "also",
    "later",
    "then",
    "previously",
    "earlier",
    "again",
    "further",
    "had",
    "has",
    "have",
    "was",
    "is",
    "were",
    "are",
    "would",
    "will",
    "once",
    "already",
    "recently",
    "reportedly",
    "subsequently",
    "repeatedly",
    "publicly",
    "privately",
    "directly",
    "simply",
    "quickly",
    "only",
    "just",
    "even",
    "still",
    "yesterday",
    "today",
    "tonight",
    "separately",
    "similarly",
    "now",
    "first",
    "last",
    "finally",
    "immediately",
    "openly",
    "angrily",
    "jokingly",
    "flatly",
    "firmly",
    "clearly",
    "strongly",
    "bluntly",
    "famously",
    "initially",
    "not",
    "did",
    "does",
    "do",
    "could",
    "may",
    "might",
    "should",
    "been",
    "being",
    "Tuesday",
    "Monday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "on",
    "this",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "in",
    "a",
    "statement",
    "interview",
    "speech",
    "letter",
];

/// Words that end a noun phrase when walking back from a verb.
pub fn is_phrase_break(word: &str) -> bool {
    has(word, PHRASE_BREAK)
}

const PHRASE_BREAKS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "while", "because", "if", "as", "after",
    "before", "since", "than", "so", "where", "whether", "though", "although", "but", "or", "nor",
    "yet", "to", "with", "by", "from", "at", "into", "onto", "about", "against", "over", "under",
    "between", "among", "through", "during", "without", "within", "upon", "unless", "until", "is",
    "was", "were", "are", "be", "been", "it", "this", "these", "those", "we", "you", "us", "them",
    "him", "her", "me", "said", "says", "say",
];

/// Nouns for outlets in descriptions ("the newspaper reported").
pub fn is_outlet_noun(word: &str) -> bool {
    has(word, OUTLET_NOUN)
}

const OUTLET_NOUNS: &[&str] = &[
    "newspaper",
    "paper",
    "agency",
    "broadcaster",
    "channel",
    "network",
    "outlet",
    "magazine",
    "daily",
    "tabloid",
    "station",
    "media",
];

/// Role nouns that head a description or stand before a name ("spokeswoman Jill Sutherland").
pub fn is_role_noun(word: &str) -> bool {
    has(word, ROLE_NOUN)
}

const ROLE_NOUNS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "broadcaster",
    "journalist",
    "reporter",
    "editor",
    "actor",
    "actress",
    "singer",
    "author",
    "writer",
    "director",
    "producer",
    "presenter",
    "host",
    "chef",
    "coach",
    "manager",
    "captain",
    "player",
    "striker",
    "goalkeeper",
    "midfielder",
    "defender",
    "champion",
    "athlete",
    "analyst",
    "economist",
    "expert",
    "professor",
    "scientist",
    "researcher",
    "astronomer",
    "doctor",
    "lawyer",
    "attorney",
    "judge",
    "prosecutor",
    "official",
    "minister",
    "secretary",
    "senator",
    "congressman",
    "congresswoman",
    "governor",
    "mayor",
    "president",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "head",
    "leader",
    "founder",
    "owner",
    "boss",
    "executive",
    "ceo",
    "commissioner",
    "ambassador",
    "envoy",
    "diplomat",
    "general",
    "commander",
    "officer",
    "sheriff",
    "inspector",
    "detective",
    "constable",
    "activist",
    "campaigner",
    "candidate",
    "lawmaker",
    "legislator",
    "councillor",
    "comedian",
    "musician",
    "artist",
    "designer",
    "architect",
    "historian",
    "novelist",
    "poet",
    "rapper",
    "star",
    "winner",
    "driver",
    "cyclist",
    "boxer",
    "batsman",
    "bowler",
    "skipper",
    "forward",
    "cosmonaut",
    "astronaut",
    "pilot",
    "soldier",
    "veteran",
    "survivor",
    "witness",
    "resident",
    "student",
    "teacher",
    "nurse",
    "surgeon",
    "pastor",
    "priest",
    "rabbi",
    "imam",
    "bishop",
    "filmmaker",
    "photographer",
    "blogger",
    "commentator",
    "pundit",
    "adviser",
    "advisor",
    "aide",
    "strategist",
    "pollster",
    "organiser",
    "organizer",
    "representative",
    "delegate",
    "deputy",
    "vice-president",
    "vice-chairman",
    "director-general",
    "secretary-general",
    "prime",
    "dj",
];

/// Countries, US states and other places that stand before a name in a run
/// ("Vermont Bernie Sanders", "Argentina Alberto Fernández").
pub fn is_place_name(word: &str) -> bool {
    has(word, PLACE_NAME)
}

const PLACE_NAMES: &[&str] = &[
    "Afghanistan",
    "Albania",
    "Algeria",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahrain",
    "Bangladesh",
    "Belarus",
    "Belgium",
    "Bolivia",
    "Bosnia",
    "Brazil",
    "Britain",
    "Bulgaria",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Chile",
    "China",
    "Colombia",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czechia",
    "Denmark",
    "Ecuador",
    "Egypt",
    "England",
    "Estonia",
    "Ethiopia",
    "Finland",
    "France",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kosovo",
    "Kuwait",
    "Latvia",
    "Lebanon",
    "Libya",
    "Lithuania",
    "Luxembourg",
    "Malaysia",
    "Mali",
    "Malta",
    "Mexico",
    "Moldova",
    "Mongolia",
    "Montenegro",
    "Morocco",
    "Myanmar",
    "Nepal",
    "Netherlands",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "Norway",
    "Oman",
    "Pakistan",
    "Palestine",
    "Panama",
    "Paraguay",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Romania",
    "Russia",
    "Rwanda",
    "Scotland",
    "Senegal",
    "Serbia",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Somalia",
    "Spain",
    "Sudan",
    "Sweden",
    "Switzerland",
    "Syria",
    "Taiwan",
    "Tanzania",
    "Thailand",
    "Tunisia",
    "Turkey",
    "Uganda",
    "Ukraine",
    "Uruguay",
    "Uzbekistan",
    "Venezuela",
    "Vietnam",
    "Wales",
    "Yemen",
    "Zambia",
    "Zimbabwe",
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "Wisconsin",
    "Wyoming",
    "London",
    "Paris",
    "Moscow",
    "Kyiv",
    "Beijing",
    "Tokyo",
    "Berlin",
    "Rome",
    "Madrid",
    "Ottawa",
    "Canberra",
    "Queensland",
    "Victoria",
    "Ontario",
    "Quebec",
    "Bavaria",
    "Catalonia",
];

/// Letters after a name: "Ian MacDonald QC", "Lord Janner MP".
pub fn is_post_nominal(word: &str) -> bool {
    has(word, POST_NOMINAL)
}

const POST_NOMINALS: &[&str] = &[
    "MP", "QC", "KC", "OBE", "CBE", "MBE", "KBE", "DBE", "PhD", "Jr", "Jr.", "Sr", "Sr.", "MEP",
    "MSP", "AM", "MLA", "II", "III", "IV", "MD", "Esq",
];

/// Nouns that stand for an organisation in a description ("the firm said").
pub fn is_organisation_noun(word: &str) -> bool {
    has(word, ORGANISATION_NOUN)
}

const ORGANISATION_NOUNS: &[&str] = &[
    "firm",
    "company",
    "party",
    "club",
    "government",
    "team",
    "group",
    "ministry",
    "department",
    "agency",
    "bank",
    "airline",
    "carrier",
    "retailer",
    "maker",
    "manufacturer",
    "giant",
    "broadcaster",
    "network",
    "union",
    "council",
    "charity",
    "organisation",
    "organization",
    "association",
    "federation",
    "league",
    "body",
    "regulator",
    "watchdog",
    "board",
    "committee",
    "court",
    "commission",
    "institute",
    "university",
    "school",
    "hospital",
    "army",
    "police",
    "service",
    "office",
    "administration",
    "authority",
    "authorities",
    "kremlin",
    "palace",
    "embassy",
    "executive",
    "cabinet",
    "parliament",
    "senate",
    "corporation",
    "conglomerate",
    "insurer",
    "operator",
    "supplier",
    "chain",
    "publisher",
    "studio",
    "label",
    "developer",
    "exchange",
    "fund",
    "lender",
];

/// Gender from a lowercase noun for a person ("the mother", "the actress").
pub fn person_gender(word: &str) -> Gender {
    match word {
        "mother" | "wife" | "daughter" | "sister" | "woman" | "girl" | "grandmother" | "aunt"
        | "niece" | "actress" | "queen" | "princess" | "widow" | "mum" | "mom" | "lady"
        | "spokeswoman" | "chairwoman" | "businesswoman" | "congresswoman" | "girlfriend" => {
            Gender::Female
        }
        "father" | "husband" | "son" | "brother" | "man" | "boy" | "grandfather" | "uncle"
        | "nephew" | "actor" | "king" | "prince" | "widower" | "dad" | "spokesman" | "chairman"
        | "businessman" | "congressman" | "boyfriend" | "gentleman" => Gender::Male,
        _ => Gender::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_finds_every_listed_word_and_nothing_else() {
        type Check = fn(&str) -> bool;
        let lists: [(&[&str], Check); 5] = [
            (SPEECH_VERBS, is_speech_verb),
            (NAME_CONNECTORS, is_name_connector),
            (PLACE_NAMES, is_place_name),
            (ROLE_NOUNS, is_role_noun),
            (ORGANISATION_WORDS, is_organisation_word),
        ];
        for (list, is_listed) in lists {
            for word in list {
                assert!(is_listed(word), "{word}");
                assert!(!is_listed(&format!("{word}x")), "{word}x");
            }
        }
        assert!(is_title("Mr.") && is_title("Mr") && !is_title("mr"));
        assert!(is_outlet("the BBC") && is_outlet("CNN") && !is_outlet("the"));
        assert!(!is_speech_verb("") && !is_speech_verb("Said") && !is_speech_verb("saidd"));
    }
}
