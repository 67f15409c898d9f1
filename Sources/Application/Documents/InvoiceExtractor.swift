public import Domain
import Foundation

/// Reads an invoice's fields from its text (French, Dutch or English labels, Belgian and French
/// number and date formats): the total, net amount, VAT and its rate, the invoice and due
/// dates, the supplier's name, the invoice number, IBAN, BIC, VAT number and the structured
/// communication. Identifiers count only when their check digits hold. Each field's confidence
/// is the page's OCR confidence times how the field was found: by its check digits or a label
/// (high), or by position alone (lower).
public struct InvoiceExtractor: FieldExtractor {
    public init() {}

    public var kinds: Set<Document.Kind> { [.invoice] }

    public func extract(from recognized: RecognizedText) -> [ExtractedField] {
        InvoiceReading(recognized).fields()
    }
}

/// One reading of one text: its characters, their folded form (lower case, no accents; the same
/// positions), and its lines.
private struct InvoiceReading {
    let characters: [Character]
    let folded: [Character]
    let lines: [Range<Int>]
    let engineConfidence: Double

    init(_ recognized: RecognizedText) {
        characters = Array(recognized.text)
        folded = Array(SearchText.fold(recognized.text))
        var lines: [Range<Int>] = []
        var start = 0
        for (index, character) in characters.enumerated() where character.isNewline {
            lines.append(start..<index)
            start = index + 1
        }
        lines.append(start..<characters.count)
        self.lines = lines
        engineConfidence = recognized.confidence
    }

    /// How a field was found, as a share of the engine's confidence.
    enum Evidence: Double {
        case checkDigits = 1.0
        case label = 0.95
        case corrected = 0.85
        case derived = 0.7
        case position = 0.6
    }

    func field(_ name: String, _ value: String, _ span: Range<Int>, _ evidence: Evidence) -> ExtractedField {
        ExtractedField(
            name: name, value: value, confidence: (engineConfidence * evidence.rawValue * 100).rounded() / 100,
            start: span.lowerBound, end: span.upperBound, source: String(characters[span]))
    }

    func fields() -> [ExtractedField] {
        var found: [ExtractedField] = []
        found += amounts()
        found += dates()
        if let number = invoiceNumber() { found.append(number) }
        if let supplier = supplierName() { found.append(supplier) }
        if let iban = iban() { found.append(iban) }
        if let bic = bic() { found.append(bic) }
        if let vat = vatNumber() { found.append(vat) }
        if let communication = structuredCommunication() { found.append(communication) }
        return found
    }

    // MARK: - Lines and labels

    func foldedLine(_ index: Int) -> String { String(folded[lines[index]]) }

    /// The words of a folded line (letters and digits), for exclusions.
    func words(_ index: Int) -> Set<String> {
        Set(foldedLine(index).split { !$0.isLetter && !$0.isNumber }.map(String.init))
    }

    /// The first line holding one of `labels` (in the order given: the most telling first), and
    /// where in the text the label ends. Lines with any word of `excluding` are skipped.
    func labelled(_ labels: [String], excluding: Set<String> = []) -> [(line: Int, after: Int)] {
        var hits: [(line: Int, after: Int)] = []
        for label in labels {
            for index in lines.indices where words(index).isDisjoint(with: excluding) {
                let line = foldedLine(index)
                guard let range = line.range(of: label), Self.isWordBoundary(line, range) else { continue }
                let offset = line.distance(from: line.startIndex, to: range.upperBound)
                if !hits.contains(where: { $0.line == index }) {
                    hits.append((index, lines[index].lowerBound + offset))
                }
            }
        }
        return hits
    }

    static func isWordBoundary(_ line: String, _ range: Range<String.Index>) -> Bool {
        let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
        let after = range.upperBound == line.endIndex ? nil : line[range.upperBound]
        return !(before?.isLetter ?? false) && !(after?.isLetter ?? false)
    }

    // MARK: - Amounts

    /// Amounts with cents on a span of the text: `1.234,56`, `1 234,56`, `1,234.56`, `1234.56`
    /// (a number followed by `%` is a rate, not an amount).
    func amounts(in span: Range<Int>) -> [(cents: Int64, span: Range<Int>)] {
        var found: [(Int64, Range<Int>)] = []
        var index = span.lowerBound
        func digit(_ at: Int) -> Bool { at < span.upperBound && characters[at].isASCII && characters[at].isNumber }
        func run(_ from: Int) -> Int {
            var end = from
            while digit(end) { end += 1 }
            return end
        }
        while index < span.upperBound {
            let inNumber =
                index > span.lowerBound
                && (characters[index - 1].isNumber
                    || (".,".contains(characters[index - 1]) && index - 2 >= span.lowerBound
                        && characters[index - 2].isNumber))
            guard digit(index), !inNumber else {
                index += 1
                continue
            }
            let start = index
            var end = run(index)
            var whole = String(characters[start..<end])
            // Thousands: after a first group of one to three digits, a separator and exactly three.
            if end - start <= 3 {
                while end + 4 <= span.upperBound, Self.thousandsSeparators.contains(characters[end]),
                    run(end + 1) == end + 4
                {
                    whole += String(characters[(end + 1)..<(end + 4)])
                    end += 4
                }
            }
            guard end + 3 <= span.upperBound, characters[end] == "," || characters[end] == ".",
                run(end + 1) == end + 3
            else {
                index = end
                continue
            }
            let cents = String(characters[(end + 1)..<(end + 3)])
            end += 3
            var after = end
            while after < span.upperBound, characters[after] == " " { after += 1 }
            if after < span.upperBound, characters[after] == "%" {
                index = end
                continue
            }
            if whole.count <= 12, let value = Int64(whole + cents) { found.append((value, start..<end)) }
            index = end
        }
        return found
    }

    static func decimal(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The amount a labelled line states: its last amount, or the first of the next line.
    func amount(after hit: (line: Int, after: Int)) -> (cents: Int64, span: Range<Int>)? {
        if let last = amounts(in: hit.after..<lines[hit.line].upperBound).last { return last }
        guard hit.line + 1 < lines.count else { return nil }
        return amounts(in: lines[hit.line + 1]).first
    }

    static let thousandsSeparators: Set<Character> = [" ", ".", ",", "\u{00A0}", "\u{202F}", "'"]

    static let netWords: Set<String> = [
        "ht", "htva", "hors", "excl", "exclusief", "subtotal", "sous", "exclusive", "maatstaf", "base",
    ]
    static let vatWords: Set<String> = ["tva", "btw", "vat"]

    func amounts() -> [ExtractedField] {
        var found: [ExtractedField] = []
        let totalLabels = [
            "total ttc", "total tvac", "total a payer", "net a payer", "montant total", "montant a payer",
            "totaal te betalen", "te betalen", "totaal incl", "total incl", "amount due", "total due", "a payer",
        ]
        let total =
            best(labelled(totalLabels, excluding: Self.netWords))
            ?? best(labelled(["total", "totaal"], excluding: Self.netWords.union(Self.vatWords)))
        let netLabels = [
            "total ht", "total htva", "montant ht", "montant htva", "total hors tva", "hors tva", "sous-total",
            "sous total", "subtotal", "totaal excl", "excl. btw", "excl btw", "excl. tva", "total excl",
            "net amount", "base imposable", "maatstaf van heffing",
        ]
        let net = best(labelled(netLabels))
        if let total { found.append(field("total", Self.decimal(total.cents), total.span, .label)) }
        if let net { found.append(field("net_amount", Self.decimal(net.cents), net.span, .label)) }

        // VAT lines: a VAT word, not the net or the total, not a VAT number's line.
        var vatCents: Int64 = 0
        var vatSpans: [Range<Int>] = []
        var rates: Set<String> = []
        var rateSpan: Range<Int>?
        var vatLines: [Range<Int>] = []
        var derivedVAT = false
        for index in lines.indices {
            let words = words(index)
            guard !words.isDisjoint(with: Self.vatWords), words.isDisjoint(with: Self.netWords),
                words.isDisjoint(with: ["tvac", "incl", "inclusief", "n", "no", "nr", "numero", "number", "nummer"]),
                !words.contains(where: { $0.hasPrefix("be0") || $0.hasPrefix("be1") || $0.hasPrefix("fr") }),
                vatNumbers(in: lines[index]).isEmpty, total.map({ !lines[index].contains($0.span.lowerBound) }) ?? true
            else { continue }
            vatLines.append(lines[index])
            if let (rate, span) = rate(in: lines[index]) {
                rates.insert(rate)
                rateSpan = rateSpan ?? span
            }
            if let amount = amounts(in: lines[index]).last {
                vatCents += amount.cents
                vatSpans.append(amount.span)
            }
        }
        // A VAT line whose amount lost its decimal mark (`5217` for `52,17`) is read by the
        // amounts around it: net plus VAT must make the total.
        if vatSpans.isEmpty, let net, let total, total.cents > net.cents,
            let line = vatLines.first(where: { digitRuns(in: $0).contains { $0.value == total.cents - net.cents } }),
            let run = digitRuns(in: line).first(where: { $0.value == total.cents - net.cents })
        {
            vatCents = run.value
            vatSpans = [run.span]
            derivedVAT = true
        }
        if let first = vatSpans.first, let last = vatSpans.last {
            found.append(
                field(
                    "vat", Self.decimal(vatCents), vatSpans.count == 1 ? first : first.lowerBound..<last.upperBound,
                    derivedVAT ? .derived : .label))
        }
        if rates.count == 1, let rate = rates.first, let rateSpan {
            found.append(field("vat_rate", rate, rateSpan, .label))
        } else if rates.isEmpty, let net, net.cents > 0, !vatSpans.isEmpty {
            // No rate printed: the standard Belgian rate the amounts give, if one does exactly.
            for rate in [0, 6, 12, 21] where (net.cents * Int64(rate) + 50) / 100 == vatCents {
                found.append(field("vat_rate", String(rate), vatSpans[0], .derived))
                break
            }
        }
        // Amounts that add up confirm each other.
        if let net, let total, !vatSpans.isEmpty, net.cents + vatCents == total.cents {
            found = found.map { field in
                guard ["total", "net_amount", "vat"].contains(field.name) else { return field }
                return ExtractedField(
                    name: field.name, value: field.value, confidence: min(engineConfidence, field.confidence + 0.05),
                    start: field.start, end: field.end, source: field.source)
            }
        }
        return found
    }

    /// Runs of digits (up to twelve) on a span, as numbers.
    func digitRuns(in span: Range<Int>) -> [(value: Int64, span: Range<Int>)] {
        var runs: [(Int64, Range<Int>)] = []
        var index = span.lowerBound
        while index < span.upperBound {
            guard characters[index].isASCII, characters[index].isNumber else {
                index += 1
                continue
            }
            let start = index
            while index < span.upperBound, characters[index].isASCII, characters[index].isNumber { index += 1 }
            if index - start <= 12, let value = Int64(String(characters[start..<index])) {
                runs.append((value, start..<index))
            }
        }
        return runs
    }

    /// The largest amount among labelled lines (a grand total is larger than the sub-totals).
    func best(_ hits: [(line: Int, after: Int)]) -> (cents: Int64, span: Range<Int>)? {
        hits.compactMap(amount(after:)).max { $0.cents < $1.cents }
    }

    /// A percentage on a line: `21 %`, `21%`, `6,00 %`, normalized (`21`, `5.5`).
    func rate(in span: Range<Int>) -> (String, Range<Int>)? {
        var index = span.lowerBound
        while index < span.upperBound {
            guard characters[index] == "%" else {
                index += 1
                continue
            }
            var start = index
            while start > span.lowerBound, characters[start - 1] == " " { start -= 1 }
            let end = start
            while start > span.lowerBound,
                characters[start - 1].isNumber || characters[start - 1] == ","
                    || characters[start - 1] == "."
            {
                start -= 1
            }
            let raw = String(characters[start..<end]).replacingOccurrences(of: ",", with: ".")
            if let value = Decimal(string: raw), value >= 0, value <= 100 {
                var text = "\(value)"
                if text.contains(".") {
                    while text.hasSuffix("0") { text.removeLast() }
                    if text.hasSuffix(".") { text.removeLast() }
                }
                return (text, start..<(index + 1))
            }
            index += 1
        }
        return nil
    }

    // MARK: - Dates

    static let months: [String: Int] = [
        "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
        "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12, "januari": 1, "februari": 2, "maart": 3,
        "april": 4, "mei": 5, "juni": 6, "juli": 7, "augustus": 8, "oktober": 10, "december": 12, "january": 1,
        "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10,
        "november": 11,
    ]

    /// Dates on a span: `31/03/2026`, `31.03.2026`, `31-03-2026`, `2026-03-31`, `31 mars 2026`.
    func dates(in span: Range<Int>) -> [(CalendarDate, Range<Int>)] {
        var found: [(CalendarDate, Range<Int>)] = []
        var index = span.lowerBound
        func number(_ from: Int, _ lengths: ClosedRange<Int>) -> (Int, Int)? {
            var end = from
            while end < span.upperBound, characters[end].isASCII, characters[end].isNumber { end += 1 }
            guard lengths.contains(end - from), let value = Int(String(characters[from..<end])) else { return nil }
            return (value, end)
        }
        while index < span.upperBound {
            guard characters[index].isNumber, index == span.lowerBound || !characters[index - 1].isNumber else {
                index += 1
                continue
            }
            // Numeric forms.
            if let (first, end1) = number(index, 1...4), end1 < span.upperBound,
                "/.-".contains(characters[end1]), let (second, end2) = number(end1 + 1, 1...2),
                end2 < span.upperBound, characters[end2] == characters[end1],
                let (third, end3) = number(end2 + 1, 2...4)
            {
                let date: CalendarDate?
                if end1 - index == 4 {
                    date = try? CalendarDate(year: first, month: second, day: third)
                } else {
                    date = try? CalendarDate(year: third < 100 ? 2000 + third : third, month: second, day: first)
                }
                if let date {
                    found.append((date, index..<end3))
                    index = end3
                    continue
                }
            }
            // `31 mars 2026`
            if let (day, end1) = number(index, 1...2) {
                var cursor = end1
                while cursor < span.upperBound, characters[cursor] == " " { cursor += 1 }
                var wordEnd = cursor
                while wordEnd < span.upperBound, folded[wordEnd].isLetter { wordEnd += 1 }
                let word = String(folded[cursor..<wordEnd])
                if let month = Self.months[word] {
                    var yearStart = wordEnd
                    while yearStart < span.upperBound, characters[yearStart] == " " { yearStart += 1 }
                    if let (year, end3) = number(yearStart, 4...4),
                        let date = try? CalendarDate(year: year, month: month, day: day)
                    {
                        found.append((date, index..<end3))
                        index = end3
                        continue
                    }
                }
            }
            index += 1
        }
        return found
    }

    func dates() -> [ExtractedField] {
        let dueLabels = [
            "date d'echeance", "echeance", "payable avant", "a payer avant", "payable le", "vervaldatum", "vervaldag",
            "te betalen voor", "due date", "payable by", "due",
        ]
        let invoiceLabels = [
            "date de facture", "date de la facture", "date facture", "date d'emission", "factuurdatum",
            "invoice date", "datum", "date",
        ]
        var found: [ExtractedField] = []
        var due: Range<Int>?
        for hit in labelled(dueLabels) {
            if let (date, span) = date(after: hit) {
                found.append(field("due_date", date.description, span, .label))
                due = span
                break
            }
        }
        let dueWords: Set<String> = ["echeance", "vervaldatum", "vervaldag", "due", "avant", "voor"]
        for hit in labelled(invoiceLabels, excluding: dueWords) {
            if let (date, span) = date(after: hit), span != due {
                found.append(field("invoice_date", date.description, span, .label))
                return found
            }
        }
        if let (date, span) = dates(in: 0..<characters.count).first(where: { $0.1 != due }) {
            found.append(field("invoice_date", date.description, span, .position))
        }
        return found
    }

    func date(after hit: (line: Int, after: Int)) -> (CalendarDate, Range<Int>)? {
        if let first = dates(in: hit.after..<lines[hit.line].upperBound).first { return first }
        guard hit.line + 1 < lines.count else { return nil }
        return dates(in: lines[hit.line + 1]).first
    }

    // MARK: - Words and identifiers

    func invoiceNumber() -> ExtractedField? {
        let labels = [
            "numero de facture", "n° de facture", "n° facture", "facture n°", "facture no", "facture nr",
            "factuurnummer", "factuur nr", "factuurnr", "invoice number", "invoice no", "invoice n°", "invoice #",
            "facture", "factuur", "invoice",
        ]
        for hit in labelled(labels, excluding: ["date", "datum", "adresse", "adres", "address"]) {
            var index = hit.after
            let end = lines[hit.line].upperBound
            // Past `n°`, `no`, `nr`, `#`, `:` and spaces.
            while index < end {
                let rest = String(folded[index..<end])
                if let filler = ["n°", "no.", "no ", "nr.", "nr ", "nº", "#", ":", " ", ".", "-"].first(where: {
                    rest.hasPrefix($0)
                }) {
                    index += filler.count
                } else {
                    break
                }
            }
            var tokenEnd = index
            while tokenEnd < end, characters[tokenEnd].isASCII,
                characters[tokenEnd].isLetter || characters[tokenEnd].isNumber || "-/_.".contains(characters[tokenEnd])
            {
                tokenEnd += 1
            }
            while tokenEnd > index, ".-/_".contains(characters[tokenEnd - 1]) { tokenEnd -= 1 }
            let token = String(characters[index..<tokenEnd])
            if token.count >= 2, token.contains(where: \.isNumber) {
                return field("invoice_number", token, index..<tokenEnd, .label)
            }
        }
        return nil
    }

    static let legalForms: Set<String> = [
        "srl", "sprl", "sa", "nv", "bv", "bvba", "sas", "sarl", "asbl", "vzw", "scrl", "cvba", "sc", "cv", "ltd",
        "gmbh", "snc", "sasu", "eurl", "sca", "comm",
    ]

    /// The supplier heads the invoice: the first line naming a company (`… SRL`, `… NV`) among
    /// the first lines, or failing that the first line of words.
    func supplierName() -> ExtractedField? {
        let skip: Set<String> = ["facture", "invoice", "factuur", "original", "copie", "duplicata", "page"]
        var firstWords: Range<Int>?
        for index in lines.indices.prefix(10) {
            let span = trimmed(lines[index])
            let words = words(index)
            guard span.count >= 2, characters[span].filter(\.isLetter).count >= 2, words.isDisjoint(with: skip),
                amounts(in: span).isEmpty, dates(in: span).isEmpty
            else { continue }
            if !words.isDisjoint(with: Self.legalForms) {
                let name = cleaned(span, endingAtLegalForm: true)
                return field("supplier_name", String(characters[name]), name, .label)
            }
            firstWords = firstWords ?? cleaned(span, endingAtLegalForm: false)
        }
        return firstWords.map { field("supplier_name", String(characters[$0]), $0, .position) }
    }

    /// A name without the specks OCR reads around it: leading and trailing marks that are not
    /// words (`_`, `|`), and what follows the company's legal form.
    func cleaned(_ span: Range<Int>, endingAtLegalForm: Bool) -> Range<Int> {
        var tokens: [Range<Int>] = []
        var index = span.lowerBound
        while index < span.upperBound {
            while index < span.upperBound, characters[index].isWhitespace { index += 1 }
            let start = index
            while index < span.upperBound, !characters[index].isWhitespace { index += 1 }
            if index > start { tokens.append(start..<index) }
        }
        let isWord = { (token: Range<Int>) in self.characters[token].contains { $0.isLetter || $0.isNumber } }
        while let first = tokens.first, !isWord(first) { tokens.removeFirst() }
        if endingAtLegalForm,
            let last = tokens.lastIndex(where: {
                Self.legalForms.contains(String(folded[$0]).trimmingCharacters(in: .punctuationCharacters))
            })
        {
            tokens.removeSubrange((last + 1)...)
        }
        while let last = tokens.last, !isWord(last) { tokens.removeLast() }
        guard let first = tokens.first, let last = tokens.last else { return span }
        return first.lowerBound..<last.upperBound
    }

    func trimmed(_ span: Range<Int>) -> Range<Int> {
        var lower = span.lowerBound
        var upper = span.upperBound
        while lower < upper, characters[lower].isWhitespace { lower += 1 }
        while upper > lower, characters[upper - 1].isWhitespace { upper -= 1 }
        return lower..<upper
    }

    /// Countries whose account numbers are digits only: there, an O read for a 0 (and the like)
    /// is put right before the check.
    static let numericAccounts: Set<String> = ["BE", "DE", "ES", "PT", "PL", "AT"]

    func iban() -> ExtractedField? {
        for line in ibanLinesFirst() {
            var index = line.lowerBound
            while index + 15 <= line.upperBound {
                let startsCode =
                    characters[index].isASCII && characters[index].isLetter && characters[index + 1].isASCII
                    && characters[index + 1].isLetter && (index == line.lowerBound || !characters[index - 1].isLetter)
                guard startsCode else {
                    index += 1
                    continue
                }
                // Letters and digits, spaces between groups, up to 34 significant characters.
                var compact = ""
                var ends: [Int] = []
                var cursor = index
                while cursor < line.upperBound, compact.count < 34 {
                    let character = characters[cursor]
                    if character.isASCII, character.isLetter || character.isNumber {
                        compact.append(Character(character.uppercased()))
                        ends.append(cursor + 1)
                    } else if character != " " {
                        break
                    }
                    cursor += 1
                }
                guard compact.count >= 15 else {
                    index += 1
                    continue
                }
                let country = String(compact.prefix(2))
                let lengths = IBAN.lengths[country].map { [$0] } ?? Array((15...compact.count).reversed())
                for length in lengths where length <= compact.count {
                    let candidate = String(compact.prefix(length))
                    let span = index..<ends[length - 1]
                    if let iban = IBAN(candidate) { return field("iban", iban.value, span, .checkDigits) }
                    if Self.numericAccounts.contains(country) {
                        let repaired =
                            String(candidate.prefix(2))
                            + String(candidate.dropFirst(2).map { Self.digitLookalikes[$0] ?? $0 })
                        if let iban = IBAN(repaired) { return field("iban", iban.value, span, .corrected) }
                    }
                }
                index += 1
            }
        }
        return nil
    }

    static let digitLookalikes: [Character: Character] = [
        "O": "0", "D": "0", "Q": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2", "G": "6",
    ]

    /// Lines naming an IBAN first, then the others.
    func ibanLinesFirst() -> [Range<Int>] {
        let named = lines.indices.filter { foldedLine($0).contains("iban") }
        return named.map { lines[$0] } + lines.indices.filter { !named.contains($0) }.map { lines[$0] }
    }

    func bic() -> ExtractedField? {
        for hit in labelled(["bic", "swift"]) {
            var index = hit.after
            let end = lines[hit.line].upperBound
            while index < end {
                while index < end, !(characters[index].isASCII && characters[index].isLetter) { index += 1 }
                var tokenEnd = index
                while tokenEnd < end, characters[tokenEnd].isASCII,
                    characters[tokenEnd].isLetter || characters[tokenEnd].isNumber
                {
                    tokenEnd += 1
                }
                let token = String(characters[index..<tokenEnd])
                if token.uppercased() == token, let bic = BIC(token), !["SWIFT", "IBAN"].contains(token) {
                    return field("bic", bic.value, index..<tokenEnd, .label)
                }
                index = max(tokenEnd, index + 1)
            }
        }
        return nil
    }

    /// Belgian and French VAT numbers on a span whose check digits hold.
    func vatNumbers(in span: Range<Int>) -> [(VATNumber, Range<Int>)] {
        var found: [(VATNumber, Range<Int>)] = []
        var index = span.lowerBound
        while index + 2 <= span.upperBound {
            let code = String(characters[index..<(index + 2)]).uppercased()
            guard code == "BE" || code == "FR", index == span.lowerBound || !characters[index - 1].isLetter else {
                index += 1
                continue
            }
            var cursor = index + 2
            var digits = ""
            var end = cursor
            while cursor < span.upperBound, digits.count < 11 {
                let character = characters[cursor]
                if character.isASCII, character.isNumber {
                    digits.append(character)
                    end = cursor + 1
                } else if !" .:-".contains(character) || (digits.isEmpty && character == "-") {
                    break
                }
                cursor += 1
            }
            for length in [11, 10, 9] where length <= digits.count {
                if let number = VATNumber(code + digits.prefix(length)) {
                    var stop = index + 2
                    var counted = 0
                    while counted < length, stop < end {
                        if characters[stop].isNumber { counted += 1 }
                        stop += 1
                    }
                    found.append((number, index..<stop))
                    break
                }
            }
            index = max(end, index + 1)
        }
        return found
    }

    func vatNumber() -> ExtractedField? {
        for line in lines {
            if let (number, span) = vatNumbers(in: line).first {
                return field("vat_number", number.value, span, .checkDigits)
            }
        }
        return nil
    }

    func structuredCommunication() -> ExtractedField? {
        var index = 0
        while index < characters.count {
            guard "+*".contains(characters[index]) else {
                index += 1
                continue
            }
            var cursor = index
            var digits = ""
            var end = index
            while cursor < characters.count, cursor - index < 40, !characters[cursor].isNewline {
                let character = characters[cursor]
                if character.isNumber {
                    digits.append(character)
                } else if !"+*/ ".contains(character) {
                    break
                }
                cursor += 1
                if digits.count == 12 {
                    end = cursor
                    while end < characters.count, "+* ".contains(characters[end]) { end += 1 }
                    while end > cursor, characters[end - 1] == " " { end -= 1 }
                    break
                }
            }
            if digits.count == 12, let communication = StructuredCommunication(digits) {
                return field("structured_communication", communication.digits, index..<end, .checkDigits)
            }
            index = max(cursor, index + 1)
        }
        return nil
    }
}
