import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// General assemblies from the command line, acting as the operator: what a syndic does before,
/// during and after the meeting.
struct AssemblyCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assembly", abstract: "General assemblies: convene, hold the votes, draw up the minutes.",
        subcommands: [
            Create.self, Agenda.self, Convene.self, Attend.self, Open.self, Propose.self, Vote.self, CloseVote.self,
            Close.self, Minutes.self,
        ])

    struct Output: Encodable {
        let id, buildingId, kind, date, status: String
        let outcome: String?

        init(_ assembly: GeneralAssembly) {
            id = assembly.id.description
            buildingId = assembly.buildingID.description
            kind = assembly.kind.rawValue
            date = assembly.date.description
            status = assembly.status.rawValue
            outcome = assembly.outcome?.rawValue
        }

        var line: String { "\(kind) \(date)  \(status)\(outcome.map { " (\($0))" } ?? "")  \(id)" }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Plan an assembly of a building (a draft).")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String
        @Option(name: .long, help: "ordinary or extraordinary.") var kind: String = "ordinary"
        @Option(name: .long, help: "YYYY-MM-DD.") var date: String
        @Option(name: .long, help: "HH:MM.") var time: String
        @Option(name: .long) var place: String?
        @Option(name: .long, help: "https:// link for a meeting by video.") var videoLink: String?
        @Option(name: .long) var chair: String?
        @Option(name: .long) var secretary: String?

        func run() async throws {
            let principal = try scope.principal
            let buildingID = try parseID(building, as: BuildingID.self, option: "--building")
            let input = AssemblyInput(
                kind: kind, date: date, startTime: time, place: place, videoLink: videoLink, chair: chair,
                secretary: secretary)
            let assembly = try await scope.common.withGestio {
                try await $0.governance.create(in: buildingID, input, as: principal)
            }
            let output = Output(assembly)
            try emit(output, json: scope.common.json) { "created \(output.line)" }
        }
    }

    struct Agenda: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a point to a draft assembly's agenda.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Assembly id.") var id: String
        @Option(name: .long) var title: String
        @Option(name: .long, help: "A decision type of the catalogue (budget_approval, common_parts_works…).")
        var decisionType: String = "other"
        @Option(name: .long, help: "Budget id, for a budget_approval point.") var budget: String?

        struct Written: Encodable {
            let id, title, majority: String
            let position: Int
        }

        func run() async throws {
            let principal = try scope.principal
            let assemblyID = try parseID(id, as: AssemblyID.self, option: "--id")
            let budgetID = try budget.map { try parseID($0, as: BudgetID.self, option: "--budget") }
            let item = try await scope.common.withGestio {
                try await $0.governance.addAgendaItem(
                    to: assemblyID,
                    AgendaItemInput(title: title, decisionType: decisionType, budgetID: budgetID?.rawValue),
                    as: principal)
            }
            let written = Written(
                id: item.id.description, title: item.title, majority: item.majority.rawValue, position: item.position)
            try emit(written, json: scope.common.json) {
                "\(written.position). \(written.title)  (\(written.majority))  \(written.id)"
            }
        }
    }

    struct Convene: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send the convocation today; lists who gets it by email and who by registered post.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Assembly id.") var id: String

        struct Recipient: Encodable {
            let ownerId, name, delivery: String
            let weight: Int
        }

        func run() async throws {
            let principal = try scope.principal
            let assemblyID = try parseID(id, as: AssemblyID.self, option: "--id")
            let convocation = try await scope.common.withGestio {
                try await $0.governance.convene(assemblyID, as: principal)
            }
            let recipients = convocation.recipients.map {
                Recipient(
                    ownerId: $0.ownerID.description, name: $0.name, delivery: $0.delivery.rawValue, weight: $0.weight)
            }
            try emit(recipients, json: scope.common.json) {
                (recipients.map { "\($0.name)  \($0.weight)  \($0.delivery)" }
                    + [
                        "\(recipients.count) recipient(s); suspended lots: \(convocation.suspendedLots.joined(separator: ", "))"
                    ])
                    .joined(separator: "\n")
            }
        }
    }

    struct Attend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an owner present or absent.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Assembly id.") var id: String
        @Option(name: .long, help: "Owner id.") var owner: String
        @Option(name: .long, help: "present, represented (with a proxy) or absent.") var attendance: String = "present"

        func run() async throws {
            let principal = try scope.principal
            let assemblyID = try parseID(id, as: AssemblyID.self, option: "--id")
            let ownerID = try parseID(owner, as: OwnerID.self, option: "--owner")
            guard let value = Attendance(rawValue: attendance) else {
                throw ValidationError("--attendance must be present, represented or absent")
            }
            _ = try await scope.common.withGestio {
                try await $0.governance.setAttendance([ownerID: value], of: assemblyID, as: principal)
            }
            try emit(["owner_id": owner, "attendance": attendance], json: scope.common.json) {
                "\(owner) \(attendance)"
            }
        }
    }

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open the assembly with its quorum check (closes it as no_quorum when missed).")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Assembly id.") var id: String

        func run() async throws {
            let principal = try scope.principal
            let assemblyID = try parseID(id, as: AssemblyID.self, option: "--id")
            let assembly = try await scope.common.withGestio { try await $0.governance.open(assemblyID, as: principal) }
            let output = Output(assembly)
            try emit(output, json: scope.common.json) {
                let quorum = assembly.quorum.map {
                    "heads \($0.headsPresent)/\($0.headsTotal), shares \($0.sharesPresent)/\($0.sharesTotal)"
                }
                return "\(output.line)  \(quorum ?? "")"
            }
        }
    }

    struct Propose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a resolution to the vote on an agenda item.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Agenda item id.") var item: String
        @Option(name: .long) var text: String
        @Option(name: .long, help: "An owner in conflict of interest on this point (repeatable).")
        var excluded: [String] = []

        func run() async throws {
            let principal = try scope.principal
            let itemID = try parseID(item, as: AgendaItemID.self, option: "--item")
            let excludedIDs = try excluded.map { try parseID($0, as: OwnerID.self, option: "--excluded").rawValue }
            let resolution = try await scope.common.withGestio {
                try await $0.governance.addResolution(to: itemID, text: text, excluded: excludedIDs, as: principal)
            }
            try emit(
                ["id": resolution.id.description, "majority": resolution.majority.rawValue], json: scope.common.json
            ) {
                "resolution \(resolution.id) (\(resolution.majority.rawValue))"
            }
        }
    }

    struct Vote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enter a voter's vote on an open resolution.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Resolution id.") var resolution: String
        @Option(name: .long, help: "Owner id.") var owner: String
        @Option(name: .long, help: "yes, no or abstain.") var ballot: String

        func run() async throws {
            let principal = try scope.principal
            let resolutionID = try parseID(resolution, as: ResolutionID.self, option: "--resolution")
            let ownerID = try parseID(owner, as: OwnerID.self, option: "--owner")
            guard let value = Ballot(rawValue: ballot) else {
                throw ValidationError("--ballot must be yes, no or abstain")
            }
            let vote = try await scope.common.withGestio {
                try await $0.governance.vote(on: resolutionID, ballot: value, for: ownerID, as: principal)
            }
            try emit(["owner_id": owner, "ballot": ballot, "weight": "\(vote.weight)"], json: scope.common.json) {
                "\(owner) \(ballot) (\(vote.weight))"
            }
        }
    }

    struct CloseVote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close-vote", abstract: "Close the vote on a resolution and print its result.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Resolution id.") var resolution: String

        func run() async throws {
            let principal = try scope.principal
            let resolutionID = try parseID(resolution, as: ResolutionID.self, option: "--resolution")
            let detail = try await scope.common.withGestio {
                try await $0.governance.closeResolution(resolutionID, as: principal)
            }
            let tally = detail.resolution.tally
            let result = [
                "result": detail.resolution.result?.rawValue ?? "", "yes": "\(tally?.yes ?? 0)",
                "no": "\(tally?.no ?? 0)",
                "abstain": "\(tally?.abstain ?? 0)", "against": detail.names(voting: .no).joined(separator: ", "),
            ]
            try emit(result, json: scope.common.json) {
                "\(result["result"] ?? ""): yes \(result["yes"] ?? ""), no \(result["no"] ?? ""), abstain "
                    + "\(result["abstain"] ?? "")"
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close the meeting once every vote is closed.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Assembly id.") var id: String

        func run() async throws {
            let principal = try scope.principal
            let assemblyID = try parseID(id, as: AssemblyID.self, option: "--id")
            let assembly = try await scope.common.withGestio {
                try await $0.governance.close(assemblyID, as: principal)
            }
            let output = Output(assembly)
            try emit(output, json: scope.common.json) { output.line }
        }
    }

    struct Minutes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the minutes of a closed assembly as a PDF; with --sign, record the signatures first.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Assembly id.") var id: String
        @Option(name: .long, help: "The PDF file to write.") var output: String
        @Option(name: .long, help: "A signatory (repeatable): the chair, the secretary, the owners present.")
        var sign: [String] = []

        func run() async throws {
            let principal = try scope.principal
            let assemblyID = try parseID(id, as: AssemblyID.self, option: "--id")
            let file = URL(fileURLWithPath: output)
            try await scope.common.withGestio { gestio in
                if !sign.isEmpty { _ = try await gestio.governance.signMinutes(assemblyID, by: sign, as: principal) }
                let print = try await gestio.governance.minutes(of: assemblyID, as: principal)
                try Data(try gestio.documents.pdf(of: print)).write(to: file)
            }
            try emit(["file": file.path], json: scope.common.json) { file.path }
        }
    }
}
