import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// Regulated technical inspections from the command line, acting as the operator.
struct TechnicalInspectionCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "technical-inspection", abstract: "Regulated technical inspections of the buildings' equipment.",
        subcommands: [List.self])

    struct Line: Encodable {
        let id, buildingId, equipementCode, type, status, dueOn: String
        let nextDueDate: String?
        let overdue: Bool

        init(_ view: TechnicalInspectionView) {
            id = view.inspection.id.description
            buildingId = view.inspection.buildingID.description
            equipementCode = view.equipementCode
            type = view.inspection.type.rawValue
            status = view.inspection.status.rawValue
            dueOn = view.inspection.dueOn.description
            nextDueDate = view.inspection.nextDueDate?.description
            overdue = view.isOverdue
        }

        var text: String {
            "\(dueOn)  \(type)  \(equipementCode)  \(status)\(overdue ? "  OVERDUE" : "")  \(id)"
        }
    }

    struct Output: Encodable {
        let data: [Line]
        let totalItems: Int
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The inspections of the organization (or of one building), soonest due first.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Only this building (id).") var building: String?
        @Option(
            name: .customLong("due-within"), help: "Only the open ones due within that many days (overdue included).")
        var dueWithin: Int?
        @Option(name: .long, help: "scheduled, in_progress, completed, failed or cancelled.") var status: String?
        @Option(name: .long) var page = 1
        @Option(name: .customLong("per-page")) var perPage = 100

        func run() async throws {
            let principal = try scope.principal
            let buildingID = try building.map { try parseID($0, as: BuildingID.self, option: "--building") }
            let request = try PageRequest(page: page, perPage: perPage)
            let found = try await scope.common.withGestio {
                try await $0.technicalInspections.list(
                    in: buildingID, status: status, dueWithin: dueWithin, page: request, as: principal)
            }
            let output = Output(data: found.items.map(Line.init), totalItems: found.totalItems)
            try emit(output, json: scope.common.json) {
                (output.data.map(\.text) + ["\(output.totalItems) inspection(s)"]).joined(separator: "\n")
            }
        }
    }
}
