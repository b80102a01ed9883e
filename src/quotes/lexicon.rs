//! Word lists for attribution: speech verbs, titles, roles, pronouns, outlets.

/// Verbs that introduce what someone said or wrote (all forms we look for).
pub fn is_speech_verb(word: &str) -> bool {
    matches!(
        word,
        "said" | "says" | "say" | "saying"
            | "told" | "tells" | "telling"
            | "added" | "adds" | "adding"
            | "asked" | "asks" | "asking"
            | "explained" | "explains" | "explaining"
            | "warned" | "warns" | "warning"
            | "claimed" | "claims" | "claiming"
            | "insisted" | "insists" | "insisting"
            | "stated" | "states"
            | "wrote" | "writes" | "written" | "writing"
            | "tweeted" | "tweets" | "posted"
            | "commented" | "comments" | "commenting"
            | "noted" | "notes" | "noting"
            | "continued" | "continues" | "continuing"
            | "argued" | "argues" | "arguing"
            | "accused" | "accuses" | "accusing"
            | "described" | "describes" | "describing"
            | "called" | "calls" | "calling"
            | "urged" | "urges" | "urging"
            | "announced" | "announces"
            | "admitted" | "admits" | "admitting"
            | "acknowledged" | "acknowledges"
            | "replied" | "replies" | "replying"
            | "responded" | "responds" | "responding"
            | "suggested" | "suggests" | "suggesting"
            | "declared" | "declares" | "declaring"
            | "remarked" | "remarks"
            | "predicted" | "predicts"
            | "confirmed" | "confirms" | "confirming"
            | "denied" | "denies" | "denying"
            | "alleged" | "alleges"
            | "conceded" | "concedes"
            | "vowed" | "vows" | "vowing"
            | "promised" | "promises" | "promising"
            | "pledged" | "pledges"
            | "boasted" | "boasts"
            | "complained" | "complains"
            | "criticised" | "criticized" | "criticises" | "criticizes"
            | "condemned" | "condemns"
            | "praised" | "praises"
            | "welcomed" | "welcomes"
            | "reiterated" | "reiterates" | "reiterating"
            | "stressed" | "stresses" | "stressing"
            | "emphasised" | "emphasized"
            | "maintained" | "maintains"
            | "recalled" | "recalls" | "recalling"
            | "joked" | "jokes" | "quipped"
            | "shouted" | "shouts" | "chanted" | "cried" | "exclaimed" | "yelled"
            | "dubbed" | "branded" | "labelled" | "labeled" | "termed"
            | "demanded" | "demands"
            | "agreed" | "agrees"
            | "thinks" | "believes" | "feels" | "hopes"
            | "reads" | "read"
            | "announcing" | "mentioned" | "mentions" | "indicated" | "indicates"
            | "revealed" | "reveals" | "disclosed" | "observed" | "reported" | "reports"
            | "testified" | "informed" | "advised" | "assured" | "reassured"
            | "countered" | "retorted" | "protested" | "objected"
            | "questioned" | "wondered" | "challenged" | "lamented" | "conceding"
            | "expressed" | "spoke" | "speaking" | "thought" | "hoped"
    )
}

/// Words that precede a name as a title or role and are dropped from canonical names.
pub fn is_title(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "Mr" | "Mrs" | "Ms" | "Miss" | "Mx" | "Dr" | "Sir" | "Dame" | "Lord" | "Lady" | "Prof"
            | "Professor" | "President" | "Vice" | "Prime" | "Minister" | "Secretary" | "Chancellor"
            | "Governor" | "Gov" | "Senator" | "Sen" | "Rep" | "Representative" | "Congressman"
            | "Congresswoman" | "Judge" | "Justice" | "King" | "Queen" | "Prince" | "Princess"
            | "Pope" | "Mayor" | "Councillor" | "Rev" | "Reverend" | "Father" | "Rabbi" | "Imam"
            | "Sheikh" | "Captain" | "Capt" | "Colonel" | "Col" | "General" | "Gen" | "Lieutenant"
            | "Lt" | "Sergeant" | "Sgt" | "Major" | "Admiral" | "Commander" | "Officer"
            | "Detective" | "Inspector" | "Superintendent" | "Constable" | "Commissioner"
            | "Chief" | "Deputy" | "Foreign" | "Home" | "Shadow" | "Defence" | "Defense"
            | "Interior" | "Finance" | "Health" | "Education" | "Trade" | "State" | "Culture"
            | "Speaker" | "Leader" | "Ambassador" | "Director" | "Chairman" | "Chairwoman"
            | "Chair" | "Head" | "Coach" | "Manager" | "Executive" | "First" | "Senior"
            | "Opposition" | "Attorney" | "Emir" | "Crown" | "Archbishop" | "Bishop" | "Cardinal"
            | "Dean" | "Chief-Executive" | "CEO" | "MP" | "MEP" | "PM" | "Secretary-General"
            | "Premier" | "Sultan" | "Ayatollah" | "Economy" | "Energy" | "Justice-Minister"
            | "Transport" | "Environment" | "Labour" | "Treasury" | "Economic" | "Affairs"
    )
}

/// Adjectives of nationality or place that go before a role ("Russian President").
pub fn is_demonym(word: &str) -> bool {
    let w = word;
    matches!(
        w,
        "US" | "U.S." | "UK" | "EU" | "UN" | "British" | "American" | "French" | "German"
            | "Russian" | "Ukrainian" | "Chinese" | "Japanese" | "Hungarian" | "Polish" | "Irish"
            | "Scottish" | "Welsh" | "English" | "Israeli" | "Iranian" | "Turkish" | "Greek"
            | "Indian" | "Australian" | "Canadian" | "Spanish" | "Italian" | "Dutch" | "Swedish"
            | "Norwegian" | "Danish" | "Finnish" | "Austrian" | "Swiss" | "Belgian" | "Portuguese"
            | "Brazilian" | "Mexican" | "Argentine" | "Argentinian" | "Chilean" | "Egyptian"
            | "Libyan" | "Syrian" | "Iraqi" | "Afghan" | "Pakistani" | "Saudi" | "Korean"
            | "North" | "South" | "Filipino" | "Philippine" | "Indonesian" | "Thai" | "Vietnamese"
            | "Nigerian" | "Kenyan" | "Tunisian" | "Venezuelan" | "Cuban" | "Belarusian"
            | "Georgian" | "Serbian" | "Croatian" | "Czech" | "Slovak" | "Romanian" | "Bulgarian"
            | "Palestinian" | "Lebanese" | "Jordanian" | "Qatari" | "Emirati" | "Ethiopian"
            | "Sudanese" | "European" | "Western" | "Democratic" | "Republican" | "Conservative"
            | "Liberal" | "Tory" | "Labour" | "Federal" | "Australian-born" | "Scotsman"
    )
}

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
    matches!(
        name.trim_start_matches("the ").trim_start_matches("The "),
        "CNN" | "BBC" | "BBC News" | "BBC Sport" | "Reuters" | "AFP" | "AP" | "Associated Press"
            | "the Associated Press" | "Agence France-Presse" | "Bloomberg News" | "Fox News"
            | "NBC" | "NBC News" | "CBS" | "CBS News" | "ABC" | "ABC News" | "MSNBC" | "NPR"
            | "New York Times" | "Washington Post" | "Wall Street Journal" | "Guardian"
            | "Times" | "Telegraph" | "Independent" | "Financial Times" | "Sky News" | "Al Jazeera"
            | "TASS" | "Interfax" | "RIA Novosti" | "Xinhua" | "Kyodo" | "Yonhap" | "ANI" | "PTI"
            | "IANS" | "Politico" | "Axios" | "Daily Mail" | "Mirror" | "Sun" | "Wikinews"
            | "Press Association" | "PA" | "Dow Jones" | "Jiji" | "NHK" | "RT" | "Euronews"
            | "Deutsche Welle" | "DW" | "France 24" | "Le Monde" | "Der Spiegel" | "CNBC"
    )
}

/// Capitalised words that start sentences or name things but are never people.
pub fn is_common_capitalised(word: &str) -> bool {
    matches!(
        word,
        "The" | "A" | "An" | "But" | "And" | "Or" | "So" | "Yet" | "If" | "In" | "On" | "At"
            | "For" | "With" | "From" | "By" | "To" | "Of" | "As" | "After" | "Before" | "When"
            | "While" | "Although" | "Though" | "Because" | "Since" | "Meanwhile" | "However"
            | "Also" | "It" | "Its" | "This" | "That" | "These" | "Those" | "There" | "Here"
            | "We" | "You" | "They" | "He" | "She" | "I" | "His" | "Her" | "Their" | "Our"
            | "My" | "Your" | "Speaking" | "According" | "Asked" | "Following" | "During"
            | "Earlier" | "Later" | "Last" | "Next" | "Now" | "Then" | "Today" | "Yesterday"
            | "Tomorrow" | "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday"
            | "Saturday" | "Sunday" | "January" | "February" | "March" | "April" | "May" | "June"
            | "July" | "August" | "September" | "October" | "November" | "December" | "Mr."
            | "Some" | "Many" | "Most" | "All" | "One" | "Two" | "Three" | "Several" | "Other"
            | "Others" | "Both" | "Each" | "Every" | "No" | "Not" | "Only" | "Even" | "Still"
            | "Such" | "What" | "Who" | "Why" | "How" | "Where" | "Which" | "Despite" | "Under"
            | "Over" | "About" | "Among" | "Against" | "Between" | "Through" | "Without"
            | "Within" | "Into" | "Once" | "Until" | "Instead" | "Indeed" | "Overall"
            | "Thus" | "Finally" | "Please" | "Yes" | "Well" | "Oh" | "Let"
    )
}

/// Words in a capitalised name that make it an organisation, not a person.
pub fn is_organisation_word(word: &str) -> bool {
    matches!(
        word,
        "Court" | "Committee" | "Department" | "Ministry" | "Party" | "Executive" | "Council"
            | "Association" | "Union" | "Commission" | "Office" | "Agency" | "Police" | "Service"
            | "Government" | "Tories" | "Bank" | "Group" | "Organisation" | "Organization"
            | "Institute" | "University" | "College" | "School" | "Company" | "Corporation"
            | "Inc" | "Ltd" | "Board" | "Authority" | "Federation" | "League" | "Club" | "Team"
            | "Army" | "Navy" | "Force" | "Forces" | "House" | "Senate" | "Congress" | "Parliament"
            | "Assembly" | "Cabinet" | "Kremlin" | "Pentagon" | "Administration" | "Foundation"
            | "Society" | "Centre" | "Center" | "Network" | "Times" | "Post" | "News" | "Press"
            | "Watch" | "Amnesty" | "International" | "Nations" | "Coalition" | "Alliance"
            | "Democrats" | "Republicans" | "Labour" | "Conservatives" | "Unit" | "Bureau"
            | "Trust" | "Fund" | "Airlines" | "Airways" | "Motors" | "Group's" | "Tribunal"
            | "Prosecutors" | "Officials" | "Secretariat" | "Embassy" | "Consulate" | "NATO"
            | "Guard" | "Brigade" | "Regiment" | "Church" | "Mosque" | "Hospital" | "Museum"
            | "Executive's" | "Statement" | "Report" | "Channel" | "Radio" | "Television"
    )
}

/// Nouns that head a description of a document or body that can be quoted ("the report said").
pub fn is_document_noun(word: &str) -> bool {
    matches!(
        word,
        "report" | "statement" | "description" | "summary" | "decision" | "ruling" | "letter"
            | "document" | "study" | "survey" | "website" | "post" | "tweet" | "memo" | "bill"
            | "order" | "judgment" | "judgement" | "verdict" | "message" | "notice" | "note"
            | "announcement" | "release" | "filing" | "complaint" | "indictment" | "lawsuit"
            | "petition" | "resolution" | "treaty" | "agreement" | "law" | "policy" | "sign"
            | "banner" | "placard" | "headline" | "article" | "editorial" | "book" | "paper"
            | "court" | "committee" | "government" | "ministry" | "department" | "company"
            | "council" | "agency" | "police" | "team" | "club" | "party" | "campaign" | "group"
            | "organisation" | "organization" | "board" | "panel" | "jury" | "union" | "charity"
            | "firm" | "bank" | "regulator" | "watchdog" | "executive" | "commission" | "office"
            | "service" | "authority" | "authorities" | "administration" | "military" | "army"
            | "prosecution" | "prosecutors" | "officials" | "families" | "residents" | "protesters"
            | "demonstrators" | "supporters" | "critics" | "experts" | "analysts" | "researchers"
            | "scientists" | "doctors" | "witnesses" | "organisers" | "organizers" | "sources"
            | "members" | "students" | "workers" | "voters" | "fans"
    )
}

/// Words that make a capitalised run a place, event or thing rather than a person.
pub fn is_place_or_thing_word(word: &str) -> bool {
    matches!(
        word,
        "Street" | "Road" | "Avenue" | "Square" | "Bridge" | "Island" | "Islands" | "River"
            | "Lake" | "Mount" | "City" | "County" | "State" | "States" | "Province" | "Region"
            | "Valley" | "Park" | "Airport" | "Station" | "Stadium" | "Hall" | "Cup"
            | "Championships" | "Championship" | "Games" | "Olympics" | "Award" | "Awards"
            | "Prize" | "Festival" | "Day" | "Week" | "War" | "Act" | "Kingdom" | "Union"
            | "Republic" | "York" | "Kong" | "Zealand" | "Africa" | "Arabia" | "Korea" | "Angeles"
            | "Francisco" | "Delhi" | "East" | "West" | "Coast" | "Sea" | "Ocean" | "Bay"
            | "Gulf" | "Strait" | "Canal" | "Desert" | "Mountains" | "Hills" | "Village"
            | "Centre" | "Center" | "Tower" | "Palace" | "Castle" | "Cathedral" | "Church"
            | "Temple" | "Prison" | "Hospital" | "Museum" | "Theatre" | "Theater" | "Gallery"
            | "Library" | "Market" | "Exchange" | "Index" | "Street's" | "Lanka" | "America"
            | "Europe" | "Asia" | "Wales" | "Ireland" | "Scotland" | "England" | "Britain"
            | "Crimea" | "Ukraine" | "Russia" | "China" | "Moscow" | "Washington" | "London"
            | "Paris" | "Berlin" | "Kyiv" | "Kiev" | "Beijing" | "Tokyo" | "Brexit" | "NATO"
            | "Covid" | "COVID-19" | "Coronavirus" | "Internet" | "Twitter" | "Facebook"
            | "Google" | "Apple" | "Microsoft" | "Amazon" | "Netflix" | "YouTube" | "Instagram"
            | "Series" | "League" | "Open" | "Final" | "Finals" | "Grand" | "Prix" | "Marathon"
            | "Olympic" | "Paralympics" | "Tour" | "Album" | "Show" | "Film" | "Book" | "Bill"
            | "Treaty" | "Agreement" | "Accord" | "Plan" | "Programme" | "Program" | "Project"
            | "Summit" | "Conference" | "Forum" | "Council" | "Commons" | "Lords" | "Parliament"
            | "Government" | "Ministry" | "Department" | "Office" | "Embassy" | "Airlines"
    )
}

/// Lowercase words that may sit inside a capitalised name ("Court of Appeal", "van Gogh").
pub fn is_name_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "and" | "de" | "van" | "von" | "der" | "den" | "bin" | "al" | "la" | "le" | "du"
            | "da" | "dos" | "del" | "di" | "the" | "for" | "on" | "ter" | "ibn" | "y" | "&"
    )
}

/// Words skipped between a subject and its verb ("Putin on Tuesday said", "he also said").
pub fn is_verb_modifier(word: &str) -> bool {
    matches!(
        word,
        "also" | "later" | "then" | "previously" | "earlier" | "again" | "further" | "had"
            | "has" | "have" | "was" | "is" | "were" | "are" | "would" | "will" | "once"
            | "already" | "recently" | "reportedly" | "subsequently" | "repeatedly" | "publicly"
            | "privately" | "directly" | "simply" | "quickly" | "only" | "just" | "even" | "still"
            | "yesterday" | "today" | "tonight" | "separately" | "similarly" | "now" | "first"
            | "last" | "finally" | "immediately" | "openly" | "angrily" | "jokingly" | "flatly"
            | "firmly" | "clearly" | "strongly" | "bluntly" | "famously" | "initially" | "not"
            | "did" | "does" | "do" | "could" | "may" | "might" | "should" | "been" | "being"
            | "Tuesday" | "Monday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
            | "on" | "this" | "week" | "month" | "year" | "morning" | "afternoon" | "evening"
            | "night" | "in" | "a" | "statement" | "interview" | "speech" | "letter"
    )
}

/// Words that end a noun phrase when walking back from a verb.
pub fn is_phrase_break(word: &str) -> bool {
    matches!(
        word,
        "that" | "which" | "who" | "whom" | "whose" | "when" | "while" | "because" | "if" | "as"
            | "after" | "before" | "since" | "than" | "so" | "where" | "whether" | "though"
            | "although" | "but" | "or" | "nor" | "yet" | "to" | "with" | "by" | "from" | "at"
            | "into" | "onto" | "about" | "against" | "over" | "under" | "between" | "among"
            | "through" | "during" | "without" | "within" | "upon" | "unless" | "until"
            | "is" | "was" | "were" | "are" | "be" | "been" | "it" | "this" | "these" | "those"
            | "we" | "you" | "us" | "them" | "him" | "her" | "me" | "said" | "says" | "say"
    )
}
