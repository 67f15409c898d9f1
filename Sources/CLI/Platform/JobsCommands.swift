import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// Every module's periodic jobs, listed or run by hand.
struct JobsCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "The periodic jobs (the server runs them with --scheduler).",
        subcommands: [List.self, Run.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the jobs and how often they run.")
        @OptionGroup var common: CommonOptions

        struct Output: Encodable {
            let name, summary, schedule: String
        }

        func run() async throws {
            let output = try await common.withGestio { gestio in
                gestio.jobs.map { Output(name: $0.name, summary: $0.summary, schedule: $0.schedule.description) }
            }
            try emit(output, json: common.json) {
                output.map {
                    "\($0.name.padding(toLength: 21, withPad: " ", startingAt: 0)) \($0.schedule): \($0.summary)"
                }
                .joined(separator: "\n")
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run one job now, once.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The job's name (see gestio jobs list).") var name: String

        struct Output: Encodable {
            let job: String
            let ran: Bool
            let created, skipped, notified: Int
        }

        func run() async throws {
            let report = try await common.withGestio { try await $0.runJob(named: name) }
            let output = Output(
                job: report.job, ran: report.ran, created: report.created, skipped: report.skipped,
                notified: report.notified)
            try emit(output, json: common.json) {
                output.ran
                    ? "\(output.job): \(output.created) created, \(output.skipped) skipped, \(output.notified) notified"
                    : "\(output.job): another instance is running it; nothing done"
            }
        }
    }
}
