import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// Dues reminders from the command line, acting as the operator.
struct ReminderCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders", abstract: "Dues reminders: chase the owners whose contributions are past due.",
        subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Make the reminders due today in a building (sent at once where its reminders are automatic); "
                + "run again, it makes nothing more.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String

        struct Output: Encodable {
            struct Reminder: Encodable {
                let id, ownerId, ownerName, level, status, amount, interest: String
                let daysOverdue: Int
            }

            let created, escalated, sent: Int
            let reminders: [Reminder]
        }

        func run() async throws {
            let principal = try scope.principal
            let buildingID = try parseID(building, as: BuildingID.self, option: "--building")
            let run = try await scope.common.withGestio {
                try await $0.reminders.run(in: buildingID, as: principal)
            }
            let output = Output(
                created: run.created.count, escalated: run.escalated, sent: run.sent,
                reminders: run.created.map {
                    Output.Reminder(
                        id: $0.reminder.id.description, ownerId: $0.reminder.ownerID.description,
                        ownerName: $0.ownerName, level: $0.reminder.level.rawValue,
                        status: $0.reminder.status.rawValue, amount: $0.reminder.amount.decimalString,
                        interest: $0.interest.decimalString, daysOverdue: $0.daysOverdue)
                })
            try emit(output, json: scope.common.json) {
                ([
                    "\(output.created) reminder(s) made, \(output.escalated) escalated, \(output.sent) sent"
                ]
                    + output.reminders.map {
                        "  \($0.level) \($0.status): \($0.ownerName), \($0.amount) (\($0.daysOverdue) days overdue)"
                    }).joined(separator: "\n")
            }
        }
    }
}
