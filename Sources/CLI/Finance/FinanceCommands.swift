import Application
import ArgumentParser
import Domain
import Foundation
import HTTPServer

/// Right-aligns money columns in the readable tables.
func padded(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}

/// A refusal the CLI reports in one line, without the usage text.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
}

/// A file's bytes, or standard input for "-".
func readInput(_ path: String) throws -> Data {
    let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
    guard let handle, let data = try handle.readToEnd() else {
        throw CommandFailure(description: "cannot read \(path)")
    }
    return data
}

func parseMoney(_ raw: String, option: String) throws -> Money {
    do {
        return try Money(parsing: raw, field: option)
    } catch {
        throw ValidationError("\(option) must be an amount such as 1234.56")
    }
}

struct BudgetOutput: Encodable {
    let id, status, ordinaryAmount, extraordinaryAmount, totalAmount, monthlyProvision: String
    let fiscalYear: Int

    init(_ budget: Budget) {
        id = budget.id.description
        status = budget.status.rawValue
        fiscalYear = budget.fiscalYear
        ordinaryAmount = budget.ordinary.decimalString
        extraordinaryAmount = budget.extraordinary.decimalString
        totalAmount = budget.total.decimalString
        monthlyProvision = budget.monthlyProvision.decimalString
    }

    var line: String {
        "\(fiscalYear)  \(status)  ordinary \(ordinaryAmount)  extraordinary \(extraordinaryAmount)  total \(totalAmount)  monthly \(monthlyProvision)  \(id)"
    }
}

struct BudgetCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget", abstract: "Annual budgets: Draft → Voted → Active → Closed.",
        subcommands: [Create.self, List.self, Vote.self, Activate.self, Close.self, Variance.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Draft a budget.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String
        @Option(name: .customLong("fiscal-year")) var fiscalYear: Int
        @Option(name: .long, help: "Ordinary (current expenses) amount.") var ordinary = "0"
        @Option(name: .long, help: "Extraordinary (works) amount.") var extraordinary = "0"
        @Option(
            name: .customLong("line"),
            help: "A line CODE:LABEL:AMOUNT[:ordinary|extraordinary], repeatable; lines sum to each amount.")
        var lines: [String] = []
        @Option(name: .long) var notes: String?

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(building, as: BuildingID.self, option: "--building")
            let parsedLines = try lines.map { raw -> BudgetDraft.Line in
                let parts = raw.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 3 || parts.count == 4 else {
                    throw ValidationError("--line must be CODE:LABEL:AMOUNT[:KIND], not \(raw)")
                }
                return BudgetDraft.Line(
                    accountCode: parts[0], label: parts[1], amount: try parseMoney(parts[2], option: "--line"),
                    kind: parts.count == 4 ? parts[3] : nil)
            }
            let draft = BudgetDraft(
                fiscalYear: fiscalYear, ordinary: try parseMoney(ordinary, option: "--ordinary"),
                extraordinary: try parseMoney(extraordinary, option: "--extraordinary"),
                lines: parsedLines.isEmpty ? nil : parsedLines, notes: notes)
            let budget = try await scope.common.withGestio {
                try await $0.budgets.create(in: id, draft, as: principal)
            }
            let output = BudgetOutput(budget)
            try emit(output, json: scope.common.json) { "created budget \(output.line)" }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A building's budgets, newest year first.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(building, as: BuildingID.self, option: "--building")
            let page = try await scope.common.withGestio {
                try await $0.budgets.budgets(of: id, page: PageRequest(page: 1, perPage: 100), as: principal)
            }
            let output = page.items.map(BudgetOutput.init)
            try emit(output, json: scope.common.json) {
                (output.map(\.line) + ["\(page.totalItems) budget(s)"]).joined(separator: "\n")
            }
        }
    }

    /// Vote, activate and close share their shape: one budget, one transition.
    static func transition(
        _ transition: Budget.Transition, budget raw: String, scope: OrganizationScope, date: String? = nil,
        resolution: String? = nil
    ) async throws {
        let principal = try scope.principal
        let id = try parseID(raw, as: BudgetID.self, option: "--budget")
        let budget = try await scope.common.withGestio {
            try await $0.budgets.apply(
                transition, to: id, generalAssemblyDate: date, resolutionRef: resolution, as: principal)
        }
        let output = BudgetOutput(budget)
        try emit(output, json: scope.common.json) { "budget \(output.line)" }
    }

    struct Vote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the general assembly's vote.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Budget id.") var budget: String
        @Option(name: .customLong("general-assembly-date"), help: "YYYY-MM-DD.") var date: String
        @Option(name: .long, help: "The assembly's resolution reference.") var resolution: String?

        func run() async throws {
            try await BudgetCommands.transition(.vote, budget: budget, scope: scope, date: date, resolution: resolution)
        }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a voted budget the year's active one.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Budget id.") var budget: String

        func run() async throws { try await BudgetCommands.transition(.activate, budget: budget, scope: scope) }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close the active budget at year end.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Budget id.") var budget: String

        func run() async throws { try await BudgetCommands.transition(.close, budget: budget, scope: scope) }
    }

    struct Variance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Budgeted against the ledger's actual charges.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Budget id.") var budget: String

        struct Row: Encodable {
            let accountCode: String?
            let label, budgeted, actual, variance: String
            let variancePercent: String?

            init(_ row: BudgetVariance.Row) {
                accountCode = row.accountCode
                label = row.label
                budgeted = row.budgeted.decimalString
                actual = row.actual.decimalString
                variance = row.variance.decimalString
                variancePercent = row.variancePercent?.description
            }

            var line: String {
                (accountCode ?? "").padding(toLength: 8, withPad: " ", startingAt: 0)
                    + String(label.prefix(22)).padding(toLength: 23, withPad: " ", startingAt: 0)
                    + padded(budgeted, 12) + padded(actual, 13) + padded(variance, 13)
                    + padded(variancePercent.map { "\($0) %" } ?? "", 11)
            }
        }

        struct Output: Encodable {
            let fiscalYear, monthsElapsed: Int
            let consumedPercent: String?
            let projectedTotal: String
            let rows: [Row]
        }

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(budget, as: BudgetID.self, option: "--budget")
            let variance = try await scope.common.withGestio { try await $0.budgets.variance(of: id, as: principal) }
            let rows =
                (variance.lines + variance.unbudgeted + [variance.ordinary, variance.extraordinary, variance.total])
                .map(Row.init)
            let output = Output(
                fiscalYear: variance.fiscalYear, monthsElapsed: variance.monthsElapsed,
                consumedPercent: variance.consumed?.description, projectedTotal: variance.projectedTotal.decimalString,
                rows: rows)
            try emit(output, json: scope.common.json) {
                (["account label                      budgeted       actual     variance          %"]
                    + rows.map(\.line)
                    + [
                        "\(output.fiscalYear): \(output.monthsElapsed) month(s) elapsed, \(output.consumedPercent ?? "-") % consumed, projected year-end total \(output.projectedTotal)"
                    ]).joined(separator: "\n")
            }
        }
    }
}

struct FundsCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funds", abstract: "Calls for funds: Draft → Sent → Paid.",
        subcommands: [Call.self, Send.self, Pay.self, Notices.self])

    struct Output: Encodable {
        struct Part: Encodable {
            let ownerId, amount, paidAmount, status: String
        }

        let id, title, status, total: String
        let overdue: Bool
        let contributions: [Part]

        init(_ view: CallForFundsView) {
            id = view.call.id.description
            title = view.call.title
            status = view.call.status.rawValue
            total = view.call.total.decimalString
            overdue = view.isOverdue
            contributions = view.contributions.map {
                Part(
                    ownerId: $0.ownerID.description, amount: $0.amount.decimalString,
                    paidAmount: $0.paid.decimalString, status: $0.status.rawValue)
            }
        }

        var text: String {
            (["\(title)  \(status)\(overdue ? " (overdue)" : "")  total \(total)  \(id)"]
                + contributions.map {
                    "  owner \($0.ownerId)\(padded($0.amount, 12))  paid\(padded($0.paidAmount, 12))  \($0.status)"
                }).joined(separator: "\n")
        }
    }

    struct Call: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draft a call for funds and show each owner's part.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String
        @Option(name: .long) var title: String
        @Option(name: .long, help: "quarterly, monthly, yearly or one_time.") var period = "quarterly"
        @Option(name: .long) var ordinary = "0"
        @Option(name: .long) var extraordinary = "0"
        @Option(name: .customLong("call-date"), help: "YYYY-MM-DD.") var callDate: String
        @Option(name: .customLong("due-date"), help: "YYYY-MM-DD, after the call date.") var dueDate: String

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(building, as: BuildingID.self, option: "--building")
            let input = CallForFundsInput(
                title: title, period: period, ordinary: try parseMoney(ordinary, option: "--ordinary"),
                extraordinary: try parseMoney(extraordinary, option: "--extraordinary"), callDate: callDate,
                dueDate: dueDate)
            let view = try await scope.common.withGestio { try await $0.funds.create(in: id, input, as: principal) }
            let output = Output(view)
            try emit(output, json: scope.common.json) { output.text }
        }
    }

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a call: freeze the parts and post the receivables.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Call for funds id.") var call: String

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(call, as: CallForFundsID.self, option: "--call")
            let view = try await scope.common.withGestio { try await $0.funds.send(id, as: principal) }
            let output = Output(view)
            try emit(output, json: scope.common.json) { output.text }
        }
    }

    struct Notices: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Make each owner's notice of a sent call (a PDF kept as a document linked to the owner) and write the PDFs to a folder."
        )
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Call for funds id.") var call: String
        @Option(name: .long, help: "The folder to write the PDFs into (made if missing).") var output = "."

        struct Written: Encodable {
            let ownerId, documentId, file: String
        }

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(call, as: CallForFundsID.self, option: "--call")
            let folder = URL(fileURLWithPath: output)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let written = try await scope.common.withGestio { gestio in
                let notices = try await gestio.funds.notices(of: id, as: principal)
                let views = try await gestio.documents.publish(notices.map(\.publication), as: principal)
                var written: [Written] = []
                for (notice, view) in zip(notices, views) {
                    let file = folder.appendingPathComponent(notice.fileName)
                    try Data(try await gestio.documents.bytes(of: view.document.id, version: 1, as: principal))
                        .write(to: file)
                    written.append(
                        Written(
                            ownerId: notice.ownerID.description, documentId: view.document.id.description,
                            file: file.path))
                }
                return written
            }
            try emit(written, json: scope.common.json) {
                (written.map { "\($0.file)  owner \($0.ownerId)  document \($0.documentId)" }
                    + ["\(written.count) notice(s)"]).joined(separator: "\n")
            }
        }
    }

    struct Pay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an owner's payment, posted to the bank.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Call for funds id.") var call: String
        @Option(name: .long, help: "Owner id.") var owner: String
        @Option(name: .long) var amount: String
        @Option(name: .customLong("paid-on"), help: "YYYY-MM-DD.") var paidOn: String

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(call, as: CallForFundsID.self, option: "--call")
            let ownerID = try parseID(owner, as: OwnerID.self, option: "--owner")
            let money = try parseMoney(amount, option: "--amount")
            let view = try await scope.common.withGestio {
                try await $0.funds.pay(id, owner: ownerID, amount: money, paidOn: paidOn, as: principal)
            }
            let output = Output(view)
            try emit(output, json: scope.common.json) { output.text }
        }
    }
}

struct LedgerCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "A building's books.",
        subcommands: [Post.self, Balance.self, Close.self, Export.self])

    struct Balance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Trial balance per account.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String
        @Option(name: .customLong("fiscal-year")) var fiscalYear: Int?

        struct Row: Encodable {
            let accountCode, debit, credit, balance: String
        }

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(building, as: BuildingID.self, option: "--building")
            let balances = try await scope.common.withGestio {
                try await $0.ledger.trialBalance(of: id, fiscalYear: fiscalYear, as: principal)
            }
            let rows = balances.map {
                Row(
                    accountCode: $0.accountCode, debit: $0.debit.decimalString, credit: $0.credit.decimalString,
                    balance: $0.balance.decimalString)
            }
            try emit(rows, json: scope.common.json) {
                let pad = { (text: String, width: Int) in
                    String(repeating: " ", count: max(0, width - text.count)) + text
                }
                let header = "account        debit       credit      balance"
                return
                    ([header]
                    + rows.map {
                        "\($0.accountCode.padding(toLength: 8, withPad: " ", startingAt: 0))\(pad($0.debit, 12))\(pad($0.credit, 13))\(pad($0.balance, 13))"
                    })
                    .joined(separator: "\n")
            }
        }
    }
}

extension LedgerCommands {
    struct Post: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Post a journal entry from a JSON file shaped as the API's POST body.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String
        @Argument(help: "The entry as JSON (journal, type, entry_date, description, lines…), or - for standard input.")
        var file: String

        struct Output: Encodable {
            let id: String
            let number: String?
            let totalDebit: String
        }

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(building, as: BuildingID.self, option: "--building")
            let input = try JournalEntryJSON.decode(try readInput(file))
            let entry = try await scope.common.withGestio { try await $0.ledger.post(in: id, input, as: principal) }
            let output = Output(
                id: entry.id.description, number: entry.number, totalDebit: entry.totalDebit.decimalString)
            try emit(output, json: scope.common.json) {
                "posted \(output.number ?? "draft") for \(output.totalDebit)  \(output.id)"
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a fiscal year: result entry, next year's opening balances, year locked.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String
        @Option(name: .customLong("fiscal-year")) var fiscalYear: Int

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(building, as: BuildingID.self, option: "--building")
            let entries = try await scope.common.withGestio {
                try await $0.ledger.closeYear(fiscalYear, of: id, as: principal)
            }
            let numbers = entries.compactMap(\.number)
            try emit(numbers, json: scope.common.json) {
                "closed \(fiscalYear)" + (numbers.isEmpty ? "" : ": posted \(numbers.joined(separator: ", "))")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a fiscal year's entries as CSV in the FEC column layout.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String
        @Option(name: .customLong("fiscal-year")) var fiscalYear: Int
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            let principal = try scope.principal
            let id = try parseID(building, as: BuildingID.self, option: "--building")
            let csv = try await scope.common.withGestio {
                try await $0.ledger.export(fiscalYear, of: id, as: principal)
            }
            if let output {
                try Data(csv.utf8).write(to: URL(fileURLWithPath: output))
            } else {
                print(csv, terminator: "")
            }
        }
    }
}
