import Domain
import Foundation
import Testing

/// The booking assistant's built-in intent recognition, measured on the customer sentences of
/// `Tests/Fixtures/assistant/intents.tsv` (written before the recognizer; its lexicon was tuned
/// on the `dev` rows only). The figures are printed and reported in docs/PERFORMANCE.md.
@Suite("Assistant: intent recognition")
struct AssistantIntentTests {
    struct Sentence {
        let set, language, intent, text: String
    }

    static func sentences() throws -> [Sentence] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/assistant/intents.tsv")
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.hasPrefix("set\t") }
            .map { line in
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                return Sentence(set: fields[0], language: fields[1], intent: fields[2], text: fields[3])
            }
    }

    @Test("≥ 90 % of the held-out sentences get their intent, in French, Dutch and English")
    func heldOut() throws {
        let all = try Self.sentences()
        #expect(all.count >= 140)
        let recognizer = IntentRecognizer.builtIn
        for set in ["dev", "test"] {
            let rows = all.filter { $0.set == set }
            var misses: [String] = []
            for row in rows {
                let got = recognizer.recognize(row.text).intent.rawValue
                if got != row.intent { misses.append("\(row.language) \(row.intent) → \(got): \(row.text)") }
            }
            let rate = Double(rows.count - misses.count) / Double(rows.count)
            print("assistant intents, \(set): \(rows.count - misses.count)/\(rows.count) (\(Int(rate * 1000) / 10) %)")
            for miss in misses { print("  miss: \(miss)") }
            #expect(rate >= 0.9, "\(set): \(misses.joined(separator: "; "))")
            for language in AssistantLanguage.allCases {
                let mine = rows.filter { $0.language == language.rawValue }
                let right = mine.filter { recognizer.recognize($0.text).intent.rawValue == $0.intent }.count
                print("  \(language.rawValue): \(right)/\(mine.count)")
            }
        }
        let languages = all.filter { recognizer.recognize($0.text).language.rawValue == $0.language }.count
        print("assistant languages: \(languages)/\(all.count)")
        #expect(Double(languages) / Double(all.count) >= 0.95)
    }

    @Test("Typos and stems, a defect's code, nothing to recognize, and input no sentence can crash")
    func edges() {
        let recognizer = IntentRecognizer.builtIn
        #expect(recognizer.recognize("Je voudrais anuler mon rendez-vous").intent == .cancel)
        #expect(recognizer.recognize("Ik wil mijn afspraak verplaatsen").intent == .reschedule)
        #expect(recognizer.recognize("explain defect 1.2").intent == .defect)
        #expect(recognizer.recognize("").intent == .unknown)
        #expect(recognizer.recognize("🚗🚗🚗 ??? ...").intent == .unknown)
        #expect(recognizer.recognize("bonjour").intent == .unknown)
        #expect(recognizer.recognize("Wat zijn de openingsuren?").language == .nl)
        #expect(recognizer.recognize("What are your opening hours?").language == .en)
        let long = String(repeating: "annulerrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr ", count: 5_000)
        #expect(recognizer.recognize(long).intent == .cancel)
        _ = recognizer.recognize(String(repeating: "x", count: 100_000))
    }
}
