import Foundation

/// What a customer asks the centre's booking assistant.
public enum AssistantIntent: String, Sendable, CaseIterable {
    case book, reschedule, cancel, prices, hours, documents, result, defect
    /// Nothing the built-in engine recognizes.
    case unknown
}

/// The languages the assistant answers in.
public enum AssistantLanguage: String, Sendable, CaseIterable {
    case fr, nl, en

    /// The first of an `Accept-Language` header's languages (by weight) the assistant speaks.
    public init?(acceptLanguage header: String?) {
        guard let header, header.count <= 500 else { return nil }
        var ranked: [(weight: Double, language: AssistantLanguage)] = []
        for (index, part) in header.split(separator: ",").prefix(20).enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let tag = pieces.first?.lowercased().split(separator: "-").first.map(String.init) ?? ""
            let weight = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if let language = AssistantLanguage(rawValue: tag), weight > 0 {
                // Equal weights keep the header's order.
                ranked.append((weight - Double(index) * 1e-6, language))
            }
        }
        guard let best = ranked.max(by: { $0.weight < $1.weight }) else { return nil }
        self = best.language
    }
}

/// The built-in engine's understanding of a customer's sentence, with no external service: the
/// sentence folded to lowercase ASCII words, matched against a lexicon of weighted words, stems
/// (`annul*`) and phrases in French, Dutch and English, with a typo allowed in words of 5 letters
/// or more (two from 9); the intent with the highest score wins, ties going to the one that
/// changes or reads a booking (`priority`). The language is the one whose common words the
/// sentence uses most. Measured on `Tests/Fixtures/assistant/intents.tsv` (docs/PERFORMANCE.md).
public struct IntentRecognizer: Sendable {
    public struct Recognition: Sendable, Equatable {
        public let intent: AssistantIntent
        public let language: AssistantLanguage
        /// Each intent's score (absent: 0).
        public let scores: [AssistantIntent: Int]
    }

    struct Entry: Sendable {
        /// Folded words; one ending in `*` is a stem.
        let words: [String]
        let weight: Int
    }

    /// Sentences are read up to this many words; longer words are never compared loosely.
    static let maximumWords = 200
    static let maximumFuzzyLength = 40

    let lexicon: [(AssistantIntent, [Entry])]
    let priority: [AssistantIntent]
    let commonWords: [(AssistantLanguage, Set<String>)]

    public static let builtIn = IntentRecognizer(
        lexicon: [
            (
                .cancel,
                [
                    ("annul*", 3), ("anul*", 3), ("supprim*", 2), ("laissez tomber", 3), ("afzeg*", 3),
                    ("schrap*", 2), ("mag weg", 3), ("cancel*", 3), ("cancle", 3), ("call off", 3), ("drop", 2),
                    ("can t make it", 2), ("ne pourrai pas venir", 2), ("kan niet komen", 2),
                ]
            ),
            (
                .reschedule,
                [
                    ("deplac*", 3), ("change*", 2), ("reporter", 3), ("report*", 2), ("decal*", 3), ("modifi*", 2),
                    ("plus tard", 1), ("autre date", 2), ("verplaats*", 3), ("wijzig*", 2), ("uitstel*", 3),
                    ("verzet*", 3), ("andere datum", 3), ("later", 1), ("reschedul*", 3), ("resched*", 3),
                    ("postpone*", 3), ("move", 2), ("different date", 3), ("past niet", 1), ("convient plus", 1),
                ]
            ),
            (
                .book,
                [
                    ("rendez vous", 1), ("rdv", 1), ("reserv*", 1), ("creneau", 1), ("prendre rendez vous", 2),
                    ("de la place", 2), ("afspraak", 1), ("afsprak", 1), ("boek*", 2), ("langskom*", 2),
                    ("plaats", 1), ("wanneer kan", 1), ("book*", 2), ("bok", 2), ("appointment*", 1),
                    ("apointment*", 1), ("slot", 1), ("schedule", 2), ("when can i come", 2),
                    ("in for inspection", 2), ("passer au controle", 2), ("j aimerais un", 1),
                ]
            ),
            (
                .prices,
                [
                    ("combien", 3), ("prix", 3), ("tarif*", 3), ("coute", 3), ("cout*", 2), ("hoeveel", 3),
                    ("prijs", 3), ("kost*", 3), ("betal*", 2), ("how much", 3), ("price*", 3), ("cost*", 3),
                    ("rates", 3), ("charge", 3), ("pay", 2),
                ]
            ),
            (
                .hours,
                [
                    ("horaire*", 3), ("ouvert*", 3), ("ouvre*", 3), ("ferme*", 3), ("quelle heure", 2),
                    ("jusqu a quand", 2), ("openingsur*", 3), ("openingstijd*", 3), ("open", 3), ("sluit*", 3),
                    ("hoe laat", 2), ("tot wanneer", 2), ("opening", 3), ("close", 3), ("what time", 2),
                    ("until when", 2),
                ]
            ),
            (
                .documents,
                [
                    ("document*", 3), ("apporter", 3), ("amener", 3), ("carte grise", 3), ("papier*", 3),
                    ("certificat de conformite", 3), ("conformite", 2), ("meebreng*", 3), ("meenem*", 3),
                    ("inschrijvingsbewijs", 3), ("papieren", 3), ("gelijkvormigheidsattest", 3), ("bring", 3),
                    ("papers", 3), ("registration certificate", 3), ("conformity", 2), ("prendre la carte", 2),
                    ("nodig", 1),
                ]
            ),
            (
                .result,
                [
                    ("resultat*", 3), ("est passee", 3), ("refuse*", 3), ("reussi*", 3), ("c est bon", 2),
                    ("resultaat", 3), ("goedgekeurd", 3), ("afgekeurd", 3), ("geslaagd", 3), ("uitslag", 3),
                    ("door de keuring", 3), ("result*", 3), ("pass", 3), ("passed", 3), ("fail*", 3),
                    ("outcome", 3), ("rejected", 3),
                ]
            ),
            (
                .defect,
                [
                    ("defaut*", 2), ("veut dire", 3), ("signifi*", 3), ("grave", 2), ("explicat*", 3),
                    ("remarque", 2), ("pourquoi", 2), ("gebrek*", 2), ("betekent", 3), ("erg", 1),
                    ("wil zeggen", 3), ("zeggen", 2), ("uitleg", 3), ("opmerking", 2), ("waarom", 2),
                    ("defect*", 2), ("mean*", 3), ("serious", 2), ("explain*", 3), ("remark", 2), ("why", 2),
                    ("insuffisant", 2), ("onvoldoende", 2), ("insufficient", 2),
                ]
            ),
        ],
        priority: [.cancel, .reschedule, .result, .defect, .documents, .prices, .hours, .book],
        commonWords: [
            (
                .fr,
                "je j le la les de du des mon ma mes est vous pour un une quel quels quelle c qu pas svp ce a au on me ai eu si que veut dire sur avez dois faut il l d ca"
            ),
            (
                .nl,
                "ik de het een van mijn is wat kan voor aub jullie u niet moet naar op hoe welke ben wil die heb zijn nog met over dat tot graag gaan"
            ),
            (
                .en,
                "i the my a is what can for please pls you do to of on did are an was when does have how which should there about need it get"
            ),
        ])

    init(
        lexicon: [(AssistantIntent, [(String, Int)])], priority: [AssistantIntent],
        commonWords: [(AssistantLanguage, String)]
    ) {
        self.lexicon = lexicon.map { intent, entries in
            (intent, entries.map { Entry(words: Self.fold($0.0, keeping: "*"), weight: $0.1) })
        }
        self.priority = priority
        self.commonWords = commonWords.map { ($0.0, Set($0.1.split(separator: " ").map(String.init))) }
    }

    public func recognize(_ text: String) -> Recognition {
        let words = Array(Self.fold(String(text.prefix(4000)), keeping: ".").prefix(Self.maximumWords))
        var scores: [AssistantIntent: Int] = [:]
        for (intent, entries) in lexicon {
            let score = entries.reduce(0) { $0 + (Self.matches($1.words, in: words) ? $1.weight : 0) }
            if score > 0 { scores[intent] = score }
        }
        let best = scores.values.max() ?? 0
        let intent = best == 0 ? .unknown : priority.first { scores[$0] == best } ?? .unknown
        var language = AssistantLanguage.fr
        var most = -1
        for (candidate, common) in commonWords {
            let count = words.reduce(0) { $0 + (common.contains($1) ? 1 : 0) }
            if count > most { (language, most) = (candidate, count) }
        }
        return Recognition(intent: intent, language: language, scores: scores)
    }

    /// Lowercase ASCII letters and digits, accents dropped; everything else separates words,
    /// but `kept` (a stem's `*`, a point inside a number such as a defect's `1.2`).
    public static func fold(_ text: String, keeping kept: Character) -> [String] {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var words: [String] = []
        var current = ""
        let characters = Array(folded)
        for (index, character) in characters.enumerated() {
            let isDigitPoint =
                character == "." && kept == "." && index > 0 && characters[index - 1].isASCII
                && characters[index - 1].isNumber && index + 1 < characters.count
                && characters[index + 1].isASCII && characters[index + 1].isNumber
            if (character.isASCII && (character.isLetter || character.isNumber)) || isDigitPoint
                || (character == kept && kept == "*")
            {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// One word as several (`words`) in a row, or a single word loosely.
    static func matches(_ entry: [String], in words: [String]) -> Bool {
        guard !entry.isEmpty, words.count >= entry.count else { return false }
        if entry.count == 1 { return words.contains { matches(word: $0, entry[0]) } }
        return (0...(words.count - entry.count)).contains { start in
            entry.indices.allSatisfy { offset in
                let word = words[start + offset]
                let wanted = entry[offset]
                return wanted.hasSuffix("*") ? word.hasPrefix(wanted.dropLast()) : word == wanted
            }
        }
    }

    /// Exactly, as a stem's prefix, or with the typos its length allows.
    static func matches(word: String, _ wanted: String) -> Bool {
        if wanted.hasSuffix("*") {
            let stem = String(wanted.dropLast())
            if word.hasPrefix(stem) { return true }
            return stem.count >= 5 && word.count >= stem.count && word.count <= maximumFuzzyLength
                && distance(String(word.prefix(stem.count)), stem) <= 1
        }
        if word == wanted { return true }
        let allowed = wanted.count < 5 ? 0 : (wanted.count < 9 ? 1 : 2)
        return allowed > 0 && word.count <= maximumFuzzyLength && abs(word.count - wanted.count) <= allowed
            && distance(word, wanted) <= allowed
    }

    /// Damerau–Levenshtein (optimal string alignment): insertions, deletions, substitutions and
    /// swaps of neighbours each count one.
    static func distance(_ left: String, _ right: String) -> Int {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
