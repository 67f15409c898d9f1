import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// Construction projects from the command line, acting as the organization's operator (an admin,
/// who acts on every project without a project role).
struct ProjectCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project", abstract: "Construction projects: their trades, members and progress.",
        subcommands: [Create.self, List.self, Show.self, BudgetStatusCommand.self])

    struct Line: Encodable {
        let id, name, reference, status, clientName: String
        let expectedEnd: CalendarDate?

        init(_ project: Project) {
            id = project.id.description
            name = project.details.name
            reference = project.details.reference
            status = project.status.rawValue
            clientName = project.details.client.name
            expectedEnd = project.expectedEnd
        }

        var text: String {
            "\(id)  \(reference)  \(status)  \(name)  (client: \(clientName)"
                + (expectedEnd.map { ", expected end \($0))" } ?? ")")
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A new project, planned.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long) var name: String
        @Option(name: .long, help: "The project's reference (e.g. CH-2026-014).") var reference: String
        @Option(name: .long, help: "The client (maître d'ouvrage).") var client: String
        @Option(name: .long, help: "The site's address.") var address: String?
        @Option(name: .customLong("start-date"), help: "YYYY-MM-DD.") var startDate: String?
        @Option(name: .customLong("end-date"), help: "YYYY-MM-DD.") var endDate: String?
        @Flag(
            name: .customLong("requires-validation"),
            help: "Tasks are done once the architect or the general contractor validates them.")
        var requiresValidation = false

        func run() async throws {
            let principal = try scope.principal
            let input = ProjectInput(
                name: name, reference: reference, address: address, clientName: client, startDate: startDate,
                endDate: endDate, requiresValidation: requiresValidation)
            let view = try await scope.common.withGestio {
                try await $0.construction.projects.create(input, as: principal)
            }
            try emit(Line(view.project), json: scope.common.json) { Line(view.project).text }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The organization's projects, newest first.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "planned, in_progress, on_hold, completed or archived.") var status: String?

        func run() async throws {
            let principal = try scope.principal
            let page = try await scope.common.withGestio {
                try await $0.construction.projects.list(
                    status: status, text: nil, page: try PageRequest(page: 1, perPage: PageRequest.maximumPerPage),
                    as: principal)
            }
            let lines = page.items.map(Line.init)
            try emit(lines, json: scope.common.json) { lines.map(\.text).joined(separator: "\n") }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A project: its progress, its trades with theirs, its members and their roles.")
        @OptionGroup var scope: OrganizationScope
        @Argument(help: "The project (id).") var project: String

        struct Output: Encodable {
            struct TradeLine: Encodable {
                let id, name, kind: String
                let contractor: String?
                let progress: Double
            }

            struct MemberLine: Encodable {
                let userId, role: String
            }

            let project: Line
            let progress: Double
            let trades: [TradeLine]
            let members: [MemberLine]
        }

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(project, as: ProjectID.self, option: "project")
            let view = try await scope.common.withGestio {
                try await $0.construction.projects.project(id, as: principal)
            }
            let output = Output(
                project: Line(view.project), progress: view.progress.project,
                trades: view.trades.map {
                    Output.TradeLine(
                        id: $0.id.description, name: $0.name, kind: $0.kind.rawValue, contractor: $0.contractor,
                        progress: view.progress.trades[$0.id] ?? 0)
                },
                members: view.members.map { Output.MemberLine(userId: $0.userID.description, role: $0.role.rawValue) })
            try emit(output, json: scope.common.json) {
                var lines = [output.project.text, "progress: \(output.progress) %"]
                lines += output.trades.map {
                    "  trade \($0.name) (\($0.kind)\($0.contractor.map { ", \($0)" } ?? "")): \($0.progress) %"
                }
                lines += output.members.map { "  member \($0.userId): \($0.role)" }
                return lines.joined(separator: "\n")
            }
        }
    }
}

/// `gestio project budget-status`: the budget against its costs, per trade and in total.
struct BudgetStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget-status",
        abstract: "The budget against committed and spent costs, per trade and in total, with the forecast and drift.")
    @OptionGroup var scope: OrganizationScope
    @Argument(help: "The project (id).") var project: String

    struct Line: Encodable {
        let trade: String
        let budget, committed, spent, remaining, forecast: String
        let driftPercent, consumedPercent: Double?

        init(_ name: String, _ line: ProjectCostLine) {
            trade = name
            budget = line.budget.decimalString
            committed = line.committed.decimalString
            spent = line.spent.decimalString
            remaining = line.remaining.decimalString
            forecast = line.forecast.decimalString
            driftPercent = line.driftTenths.map { Double($0) / 10 }
            consumedPercent = line.consumedTenths.map { Double($0) / 10 }
        }

        var text: String {
            "\(trade): budget \(budget), committed \(committed), spent \(spent), remaining \(remaining), "
                + "forecast \(forecast)" + (driftPercent.map { ", drift \($0) %" } ?? "")
        }
    }

    struct Output: Encodable {
        let version: Int?
        let trades: [Line]
        let total: Line
    }

    func run() async throws {
        let principal = try scope.principal
        let id = try parseID(project, as: ProjectID.self, option: "project")
        let view = try await scope.common.withGestio { try await $0.construction.budgets.status(of: id, as: principal) }
        let output = Output(
            version: view.status.version, trades: view.status.trades.map { Line($0.trade.name, $0.line) },
            total: Line("total", view.status.total))
        try emit(output, json: scope.common.json) {
            let header = output.version.map { "budget version \($0)" } ?? "no budget yet"
            return ([header] + output.trades.map { "  " + $0.text } + [output.total.text]).joined(separator: "\n")
        }
    }
}

/// A project's tasks from the command line.
struct TaskCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: "Tasks of a construction project.", subcommands: [Add.self, Status.self])

    static func text(_ task: ProjectTask) -> String {
        "\(task.id)  \(task.status.rawValue)  \(task.plan.title)  (\(task.plan.durationDays) days, \(task.progress) %)"
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Plan a task of a project.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "The project (id).") var project: String
        @Option(name: .long) var title: String
        @Option(name: .customLong("duration-days"), help: "Calendar days (1 by default).") var durationDays: Int?
        @Option(name: .long, help: "The earliest day it may start (YYYY-MM-DD).") var start: String?
        @Option(name: .long, help: "The trade (id).") var trade: String?
        @Option(name: .long, help: "Its share of progress (1 by default).") var weight: Int?

        func run() async throws {
            let principal = try scope.principal
            let projectID = try parseID(project, as: ProjectID.self, option: "--project")
            let tradeID = try trade.map { try parseID($0, as: TradeID.self, option: "--trade").rawValue }
            let input = TaskInput(
                title: title, tradeID: tradeID, start: start, durationDays: durationDays, weight: weight)
            let task = try await scope.common.withGestio {
                try await $0.construction.tasks.create(input, in: projectID, as: principal)
            }
            try emit(ProjectTaskLine(task), json: scope.common.json) { TaskCommands.text(task) }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a task: todo, in_progress, blocked or done (it starts once its predecessors are done).")
        @OptionGroup var scope: OrganizationScope
        @Argument(help: "The task (id).") var task: String
        @Argument(help: "in_progress, blocked or done.") var status: String

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(task, as: ProjectTaskID.self, option: "task")
            let moved = try await scope.common.withGestio {
                try await $0.construction.tasks.setStatus(id, to: status, version: nil, as: principal)
            }
            try emit(ProjectTaskLine(moved), json: scope.common.json) { TaskCommands.text(moved) }
        }
    }
}

struct ProjectTaskLine: Encodable {
    let id, projectId, title, status: String
    let durationDays, percentComplete, version: Int

    init(_ task: ProjectTask) {
        id = task.id.description
        projectId = task.projectID.description
        title = task.plan.title
        status = task.status.rawValue
        durationDays = task.plan.durationDays
        percentComplete = task.progress
        version = task.version
    }
}
