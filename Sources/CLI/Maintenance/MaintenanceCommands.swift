import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// An organization's maintenance from the command line, acting as the operator.
struct EquipmentCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "equipment", abstract: "Equipment that interventions are about.",
        subcommands: [Add.self, List.self])

    struct Output: Encodable {
        let id, code, name, criticality, status: String

        init(_ equipement: Equipement) {
            id = equipement.id.description
            code = equipement.code
            name = equipement.name
            criticality = equipement.criticality.rawValue
            status = equipement.status.rawValue
        }

        var line: String { "\(code)  \(name)  \(criticality)  \(status)  \(id)" }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add equipment (code unique in the organization).")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long) var code: String
        @Option(name: .long) var name: String
        @Option(name: .long) var category: String?
        @Option(name: .long) var location: String?
        @Option(name: .long, help: "basse, normale, haute or critique.") var criticality: String?

        func run() async throws {
            let principal = try scope.principal
            let equipement = try await scope.common.withGestio {
                try await $0.maintenance.createEquipement(
                    EquipementInput(
                        code: code, name: name, category: category, location: location, criticality: criticality),
                    as: principal)
            }
            let output = Output(equipement)
            try emit(output, json: scope.common.json) { "added \(output.line)" }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the organization's equipment.")
        @OptionGroup var scope: OrganizationScope

        func run() async throws {
            let principal = try scope.principal
            let page = try await scope.common.withGestio {
                try await $0.maintenance.equipements(page: PageRequest(page: 1, perPage: 100), as: principal)
            }
            let output = page.items.map(Output.init)
            try emit(output, json: scope.common.json) {
                (output.map(\.line) + ["\(page.totalItems) item(s)"]).joined(separator: "\n")
            }
        }
    }
}

struct PlanCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Preventive plans.", subcommands: [Add.self, List.self])

    struct Output: Encodable {
        let id, equipementId, title, frequency, nextDate: String
        let lastDate: String?

        init(_ plan: PreventivePlan) {
            id = plan.id.description
            equipementId = plan.equipementID.description
            title = plan.title
            frequency = "every \(plan.frequency.every) \(plan.frequency.unit.rawValue)"
            nextDate = plan.nextDate.description
            lastDate = plan.lastDate?.description
        }

        var line: String { "\(title)  \(frequency)  next \(nextDate)  last \(lastDate ?? "-")  \(id)" }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a preventive plan on equipment.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Equipment id.") var equipment: String
        @Option(name: .long) var title: String
        @Option(name: .long, help: "Every N units.") var every: Int
        @Option(name: .long, help: "days, weeks or months.") var unit: String
        @Option(name: .customLong("next-date"), help: "YYYY-MM-DD.") var nextDate: String
        @Option(name: .customLong("check"), help: "A checklist item, repeatable.") var checklist: [String] = []

        func run() async throws {
            let principal = try scope.principal
            let equipementID = try parseID(equipment, as: EquipementID.self, option: "--equipment")
            let plan = try await scope.common.withGestio {
                try await $0.maintenance.createPlan(
                    PlanInput(
                        equipementID: equipementID.rawValue, title: title, every: every, unit: unit,
                        nextDate: nextDate, checklist: checklist),
                    as: principal)
            }
            let output = Output(plan)
            try emit(output, json: scope.common.json) { "added \(output.line)" }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the plans, next due first.")
        @OptionGroup var scope: OrganizationScope

        func run() async throws {
            let principal = try scope.principal
            let page = try await scope.common.withGestio {
                try await $0.maintenance.plans(page: PageRequest(page: 1, perPage: 100), as: principal)
            }
            let output = page.items.map(Output.init)
            try emit(output, json: scope.common.json) {
                (output.map(\.line) + ["\(page.totalItems) plan(s)"]).joined(separator: "\n")
            }
        }
    }
}

struct InterventionCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intervention", abstract: "Interventions and their lifecycle.",
        subcommands: [List.self, Show.self, Create.self, Assign.self, Close.self, Report.self])

    struct Output: Encodable {
        let id, title, type, priority, statut: String
        let technicienId: String?
        let slaBreached: Bool
        let totalCost: String

        init(_ view: InterventionView) {
            let value = view.intervention
            id = value.id.description
            title = value.title
            type = value.kind.rawValue
            priority = value.priority.rawValue
            statut = value.status.rawValue
            technicienId = value.technicienID?.description
            slaBreached = view.slaBreached
            totalCost = value.totalCost.decimalString
        }

        var line: String {
            "\(statut.padding(toLength: 10, withPad: " ", startingAt: 0)) \(priority.padding(toLength: 8, withPad: " ", startingAt: 0)) \(title)\(slaBreached ? "  [SLA breached]" : "")  \(id)"
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List interventions, newest first.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Only this state.") var statut: String?

        func run() async throws {
            let principal = try scope.principal
            let status = try statut.map { raw in
                guard let status = Intervention.Status(rawValue: raw) else {
                    throw ValidationError("--statut must be one of \(Intervention.Status.allCases.map(\.rawValue))")
                }
                return status
            }
            let page = try await scope.common.withGestio {
                try await $0.maintenance.interventions(
                    filter: InterventionFilter(status: status), page: PageRequest(page: 1, perPage: 100),
                    as: principal)
            }
            let output = page.items.map(Output.init)
            try emit(output, json: scope.common.json) {
                (output.map(\.line) + ["\(page.totalItems) intervention(s)"]).joined(separator: "\n")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an intervention and its history.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Intervention id.") var id: String

        struct Shown: Encodable {
            let intervention: Output
            let history: [String]
        }

        func run() async throws {
            let principal = try scope.principal
            let interventionID = try parseID(id, as: InterventionID.self, option: "--id")
            let shown = try await scope.common.withGestio { gestio in
                let view = try await gestio.maintenance.intervention(interventionID, as: principal)
                let history = try await gestio.maintenance.history(of: interventionID, as: principal)
                return Shown(
                    intervention: Output(view),
                    history: history.map {
                        "\(ISO8601DateFormatter().string(from: $0.at))  \($0.from?.rawValue ?? "-") → \($0.to.rawValue)\($0.remark.map { "  (\($0))" } ?? "")"
                    })
            }
            try emit(shown, json: scope.common.json) {
                ([shown.intervention.line] + shown.history.map { "  \($0)" }).joined(separator: "\n")
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open an intervention.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long) var title: String
        @Option(name: .long, help: "Equipment id.") var equipment: String
        @Option(name: .long, help: "basse, normale, haute or urgente.") var priority = "normale"
        @Option(name: .long, help: "corrective or preventive.") var type = "corrective"
        @Option(name: .long) var description: String?

        func run() async throws {
            let principal = try scope.principal
            let equipementID = try parseID(equipment, as: EquipementID.self, option: "--equipment")
            let view = try await scope.common.withGestio {
                try await $0.maintenance.createIntervention(
                    InterventionInput(
                        title: title, description: description, kind: type, priority: priority,
                        equipementID: equipementID.rawValue),
                    as: principal)
            }
            let output = Output(view)
            try emit(output, json: scope.common.json) { "opened \(output.line)" }
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assign an intervention to a technician.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Intervention id.") var id: String
        @Option(name: .long, help: "Technician profile id.") var technicien: String

        func run() async throws {
            let principal = try scope.principal
            let interventionID = try parseID(id, as: InterventionID.self, option: "--id")
            let technicienID = try parseID(technicien, as: TechnicienID.self, option: "--technicien")
            let view = try await scope.common.withGestio {
                try await $0.maintenance.assign(interventionID, to: technicienID, as: principal)
            }
            let output = Output(view)
            try emit(output, json: scope.common.json) { output.line }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Make a closed intervention's report (a PDF kept as a document linked to it) and write it to a file.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Intervention id.") var id: String
        @Option(name: .long, help: "The PDF file to write.") var output: String

        struct Written: Encodable {
            let documentId, file: String
        }

        func run() async throws {
            let principal = try scope.principal
            let interventionID = try parseID(id, as: InterventionID.self, option: "--id")
            let file = URL(fileURLWithPath: output)
            let written = try await scope.common.withGestio { gestio in
                let report = try await gestio.maintenance.report(of: interventionID, as: principal)
                let view = try await gestio.documents.publish([report], as: principal)[0]
                try Data(try await gestio.documents.bytes(of: view.document.id, version: 1, as: principal)).write(
                    to: file)
                return Written(documentId: view.document.id.description, file: file.path)
            }
            try emit(written, json: scope.common.json) { "\(written.file)  document \(written.documentId)" }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close an intervention with its report.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Intervention id.") var id: String
        @Option(name: .long) var report: String
        @Option(name: .customLong("minutes"), help: "Time spent, in minutes.") var minutes: Int
        @Option(name: .customLong("parts-cost")) var partsCost = "0"

        func run() async throws {
            let principal = try scope.principal
            let interventionID = try parseID(id, as: InterventionID.self, option: "--id")
            let parts = try parseMoney(partsCost, option: "--parts-cost")
            let view = try await scope.common.withGestio {
                try await $0.maintenance.close(
                    interventionID, CloseInput(report: report, actualMinutes: minutes, partsCost: parts),
                    as: principal)
            }
            let output = Output(view)
            try emit(output, json: scope.common.json) { "\(output.line)  total \(output.totalCost)" }
        }
    }
}
