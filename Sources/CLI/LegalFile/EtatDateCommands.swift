import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// États datés from the command line, acting as the operator.
struct EtatDateCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "etat-date", abstract: "États datés for the sale of a lot: record a request, generate the PDF.",
        subcommands: [Request.self, Generate.self])

    struct Output: Encodable {
        let id, reference, status, dueOn, totalOwed: String
        let missingSections: [String]
        let version: Int?

        init(_ view: EtatDateView) {
            id = view.etatDate.id.description
            reference = view.etatDate.reference
            status = view.etatDate.status.rawValue
            dueOn = view.etatDate.dueOn.description
            totalOwed = view.content?.totalOwed.decimalString ?? ""
            missingSections = view.missing.map(\.rawValue)
            version = view.version
        }

        var text: String {
            "\(reference)  \(status)  due \(dueOn)  seller owes \(totalOwed)"
                + (missingSections.isEmpty ? "" : "  missing: \(missingSections.joined(separator: ", "))")
                + (version.map { "  PDF v\($0)" } ?? "")
        }
    }

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a request: information (§1, 15 days) or notary (§2, 30 days).")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Lot id.") var lot: String
        @Option(name: .long, help: "information or notary.") var kind: String
        @Option(name: .long, help: "The requester's name.") var requester: String
        @Option(name: .long, help: "notary or seller.") var role: String = "notary"
        @Option(name: .long, help: "The notary's office.") var office: String?
        @Option(name: .long, help: "Where the PDF is emailed.") var email: String?
        @Option(name: .long, help: "The date of the figures (YYYY-MM-DD).") var referenceDate: String
        @Option(name: .long, help: "When the request arrived (default: today).") var receivedOn: String?

        func run() async throws {
            let principal = try scope.principal
            let lotID = try parseID(lot, as: LotID.self, option: "--lot")
            let view = try await scope.common.withGestio {
                try await $0.etatsDates.request(
                    for: lotID,
                    EtatDateInput(
                        kind: kind, requesterRole: role, requesterName: requester, requesterOffice: office,
                        requesterEmail: email, referenceDate: referenceDate, receivedOn: receivedOn), as: principal)
            }
            let output = Output(view)
            try emit(output, json: scope.common.json) { output.text }
        }
    }

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the PDF from the books (refused while a section is missing) and email it.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "État daté id.") var id: String
        @Option(
            name: .long,
            help:
                "The sections filled by hand first, as the API's PUT body: {\"disputes\": [{\"description\": …, \"amount\": …}], …}."
        ) var sections: String?

        func run() async throws {
            let principal = try scope.principal
            let etatDateID = try parseID(id, as: EtatDateID.self, option: "--id")
            let filled = try sections.map(Self.read)
            let view = try await scope.common.withGestio { gestio in
                let current = try await gestio.etatsDates.etatDate(etatDateID, as: principal)
                if current.etatDate.status == .requested {
                    _ = try await gestio.etatsDates.start(etatDateID, as: principal)
                }
                if let filled { _ = try await gestio.etatsDates.fill(etatDateID, filled, as: principal) }
                return try await gestio.etatsDates.generate(etatDateID, as: principal)
            }
            let output = Output(view)
            try emit(output, json: scope.common.json) { output.text }
        }

        /// The sections of a JSON file: each a list of lines with a description and an amount.
        static func read(_ path: String) throws -> [EtatDate.ManualSections.Section: [EtatDate.Item]] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path)")
            }
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: [[String: Any]]] else {
                throw ValidationError("\(path) is not an object of sections, each a list of lines")
            }
            var result: [EtatDate.ManualSections.Section: [EtatDate.Item]] = [:]
            for (name, lines) in object {
                guard let section = EtatDate.ManualSections.Section(rawValue: name) else {
                    throw ValidationError("\(name) is not a section of an état daté")
                }
                result[section] = try lines.enumerated().map { index, line in
                    let field = "\(name)[\(index)]"
                    let amount = try line["amount"].map { try Money(parsing: "\($0)", field: "\(field).amount") }
                    return try EtatDate.Item(
                        description: line["description"] as? String ?? "", amount: amount, field: field)
                }
            }
            return result
        }
    }
}
