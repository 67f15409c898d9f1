import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// Vehicle inspections from the command line, acting as the organization's operator: one
/// inspection point by point, and its certificate written to a PDF file.
struct VehicleInspectionCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vehicle-inspection", abstract: "Vehicle inspections and their certificates.",
        subcommands: [Show.self, Certificate.self])

    struct Output: Encodable {
        struct Point: Encodable {
            let code, chapter, label: String
            let outcome, severity: String?
        }

        let id, status: String
        let result: String?
        let completedOn, nextDue: CalendarDate?
        let certificateCode: String?
        let points: [Point]

        init(_ view: VehicleInspectionView) {
            let inspection = view.inspection
            id = inspection.id.description
            status = inspection.status.rawValue
            result = inspection.result?.rawValue
            completedOn = inspection.completedOn
            nextDue = inspection.nextDue
            certificateCode = inspection.certificateCode
            let labels = Dictionary(uniqueKeysWithValues: view.checklist.points.map { ($0.code, $0) })
            points = inspection.pointCodes.map { code in
                let outcome = inspection.outcomes[code]
                return Point(
                    code: code, chapter: labels[code]?.chapter ?? "", label: labels[code]?.label ?? "",
                    outcome: outcome.map { $0 == .ok ? "ok" : "defect" }, severity: outcome?.severity?.rawValue)
            }
        }

        var text: String {
            let head =
                "\(id)  \(status)" + (result.map { "  \($0)" } ?? "")
                + (nextDue.map { "  next due \($0)" } ?? "") + (certificateCode.map { "  certificate \($0)" } ?? "")
            let lines = points.map { point in
                "  \(point.code.padding(toLength: 6, withPad: " ", startingAt: 0)) \(point.label)  "
                    + (point.outcome == "defect" ? "defect (\(point.severity ?? ""))" : point.outcome ?? "to check")
            }
            return ([head] + lines).joined(separator: "\n")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An inspection, point by point.")
        @OptionGroup var scope: OrganizationScope
        @Argument(help: "The inspection (id).") var inspection: String

        func run() async throws {
            let principal = try scope.principal
            guard let id = VehicleInspectionID(inspection) else { throw ValidationError("the inspection is an id") }
            let view = try await scope.common.withGestio {
                try await $0.inspection.vehicleInspections.inspection(id, as: principal)
            }
            try emit(Output(view), json: scope.common.json) { Output(view).text }
        }
    }

    struct Certificate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a completed inspection's certificate (PDF, with its verification QR code) to a file.")
        @OptionGroup var scope: OrganizationScope
        @Argument(help: "The inspection (id).") var inspection: String
        @Option(name: .long, help: "The PDF file to write.") var output: String

        func run() async throws {
            let principal = try scope.principal
            guard let id = VehicleInspectionID(inspection) else { throw ValidationError("the inspection is an id") }
            let bytes = try await scope.common.withGestio {
                try await $0.inspection.vehicleInspections.certificate(id, as: principal)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: output))
            print("\(output): \(bytes.count) bytes")
        }
    }
}
